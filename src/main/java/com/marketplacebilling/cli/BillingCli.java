package com.marketplacebilling.cli;

import com.marketplacebilling.BillingApplication;
import com.marketplacebilling.db.DatabaseInUseException;
import com.marketplacebilling.db.EmbeddedDatabase;
import com.marketplacebilling.db.EmbeddedDatabaseStartException;
import com.marketplacebilling.generate.BookGenerator;
import com.marketplacebilling.generate.MicrosoftFileGenerator;
import com.marketplacebilling.ledger.MicrosoftFileSource;
import com.marketplacebilling.ledger.UserStore;
import com.marketplacebilling.ops.LedgerCommands;
import com.marketplacebilling.ops.NightlyRunner;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.ReconcileRunner;
import com.marketplacebilling.ops.Settings;
import com.marketplacebilling.ops.StatusReport;
import com.marketplacebilling.remote.RemoteWorker;
import com.marketplacebilling.schedule.JobsFolder;
import com.marketplacebilling.schedule.Schedule;
import com.marketplacebilling.schedule.ScheduleFileException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of {@code bin/billing}. The command line is checked before anything starts (bad usage exits 2
 * at once); the embedded database, when used, is started before Spring and stopped after it, so the
 * connection pool always closes first.
 */
public final class BillingCli {
    private final Map<String, String> env;
    private final Path home;
    private final Path cwd;
    private final PrintStream out;
    private final PrintStream err;
    private java.io.InputStream in = System.in;
    private java.io.Console console;
    private String password;

    /** Where {@code user add} reads the password when there is no terminal (tests give it here). */
    public BillingCli withInput(java.io.InputStream in) {
        this.in = in;
        return this;
    }

    public BillingCli(Map<String, String> env, Path home, Path cwd, PrintStream out, PrintStream err) {
        this.env = env;
        this.home = home;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Locale.setDefault(Locale.ROOT);
        if (args.length == 0 || !"schedule".equals(args[0])) {
            // Boot would warm up Jackson, Tomcat and the HTTP converters in a background thread, which only the
            // scheduler's web server uses: a waste of CPU for a short command on a small machine
            System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        }
        Path cwd = Path.of("").toAbsolutePath();
        String h = System.getProperty("billing.home");
        Path home = h == null ? cwd : Path.of(h).toAbsolutePath();
        BillingCli cli = new BillingCli(System.getenv(), home, cwd, System.out, System.err);
        cli.console = terminal(); // user add prompts for the password without echo
        System.exit(cli.run(args));
    }

    /** The terminal, or null when standard input is redirected (then the password is its first line). */
    private static java.io.Console terminal() {
        java.io.Console c = System.console();
        if (c == null) return null;
        try {
            // JDK 22 and later return a console even for redirected input; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c) ? c : null;
        } catch (ReflectiveOperationException before22) {
            return c; // up to JDK 21 a console exists only on a terminal
        }
    }

    public int run(String[] args) {
        if (CommandLine.isHelp(args)) {
            out.println(CommandLine.help(CommandLine.helpTopic(args)));
            return 0;
        }
        CommandLine cl;
        Settings settings;
        List<Schedule> schedules = null;
        try {
            cl = CommandLine.parse(args);
            settings = CommandSettings.resolve(cl, env, home, cwd);
            CommandSettings.remote(cl, env, settings);
            validateDates(cl);
            if (cl.command() == Command.SCHEDULE) schedules = JobsFolder.load(CommandSettings.jobs(cl, env, home, cwd));
            if (cl.command() == Command.USER) {
                UserCommand.validate(cl);
                // read before the database starts, so the prompt is not mixed with its start-up
                if ("add".equals(cl.get("action"))) password = UserCommand.readPassword(console, in, cl.get("name"));
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        } catch (ScheduleFileException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        // a book is files only (no database, no Spring); Microsoft's file for a month reads the ledger
        if (cl.command() == Command.GENERATE && !cl.has("recon")) return generate(cl);
        EmbeddedDatabase db = null;
        try {
            String url = settings.datasourceUrl();
            if (settings.embedded()) {
                db = EmbeddedDatabase.start(settings.db());
                url = db.jdbcUrl() + "&reWriteBatchedInserts=true";
            }
            Outcome o = execute(cl, settings, url, schedules, db);
            if (!o.message().isEmpty()) (o.exitCode() == 0 ? out : err).println(o.message());
            return o.exitCode();
        } catch (DatabaseInUseException e) {
            err.println("refused: " + e.getMessage());
            return 3;
        } catch (EmbeddedDatabaseStartException e) {
            err.println("failed: " + e.getMessage()); // its own output and fix; a restart cannot help
            return 1;
        } catch (Exception e) {
            err.println("failed: " + NightlyRunner.rootMessage(e) + restartHint(cl));
            return 1;
        } finally {
            if (db != null) db.close();
        }
    }

    private int generate(CommandLine cl) {
        BookGenerator.Options options;
        try {
            options = BookGenerator.Options.parse(cl.options());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        }
        options = new BookGenerator.Options(options.subscriptions(), options.days(), options.seed(),
                options.start(), cwd.resolve(options.out()).toAbsolutePath().normalize());
        try {
            for (BookGenerator.DayCount c : BookGenerator.generate(options)) {
                out.println(c.date() + ": " + c.commerceRows() + " commerce rows (" + c.malformedCommerce()
                        + " malformed), " + c.fulfillmentRows() + " fulfillment rows (" + c.malformedFulfillment()
                        + " malformed)");
            }
            return 0;
        } catch (Exception e) {
            err.println("failed: " + e);
            return 1;
        }
    }

    /**
     * {@code generate --recon M}: Microsoft's files for a billed month with known differences and the counts they
     * must give (docs/reconciliation.md, "Testing with a generated file"). Refused (exit 3) when the folder already
     * holds CSV files (reconcile would read them too) or when nothing is invoiced in the month.
     */
    private Outcome microsoftFile(MicrosoftFileSource source, CommandLine cl, Settings s) throws Exception {
        YearMonth month = cl.month("recon");
        Path folder = cl.has("out") ? cwd.resolve(cl.get("out")).toAbsolutePath().normalize()
                : s.inbox().resolve("partner-center").resolve(month.toString());
        MicrosoftFileGenerator.Options options;
        try {
            options = MicrosoftFileGenerator.Options.parse(month, cl.options(), folder);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (MicrosoftFileGenerator.holdsCsvFiles(folder)) {
            return Outcome.refused(folder + " already holds CSV files, which reconcile would read with the new ones;"
                    + " remove them or give another --out DIR");
        }
        MicrosoftFileGenerator.Result r = MicrosoftFileGenerator.generate(source, options);
        if (r.files().isEmpty()) {
            return Outcome.refused("nothing to write for " + month + ": no line of ours is invoiced in it; bill the month"
                    + " first (bin/billing run); nothing written");
        }
        return Outcome.ok(MicrosoftFileGenerator.describe(r, folder));
    }

    /** How to resume a run that failed outside the job (e.g. the database went away). */
    private static String restartHint(CommandLine cl) {
        if (!cl.has("date") || !(cl.command() == Command.RUN || cl.command() == Command.RESTART)) return "";
        LocalDate d = cl.date("date");
        return "\n" + d + " did not complete. Once the cause is fixed, resume with: bin/billing restart --date " + d;
    }

    private static void validateDates(CommandLine cl) {
        LocalDate date = cl.date("date");
        LocalDate from = cl.date("from");
        LocalDate to = cl.date("to");
        cl.positiveInt("last", 10);
        switch (cl.command()) {
            case RUN -> {
                if (date != null && (from != null || to != null)) throw new UsageException("give --date or --from/--to, not both");
                if (date == null && (from == null || to == null)) throw new UsageException("run needs --date D or --from D --to D");
                if (from != null && to.isBefore(from)) throw new UsageException("--to is before --from");
            }
            case RESTART, ABANDON, PREVIEW -> {
                if (date == null) throw new UsageException(cl.command() + " needs --date D");
            }
            case GENERATE -> {
                if (cl.has("recon")) {
                    try { // before the database starts: the month, the seed, no option of a book
                        MicrosoftFileGenerator.Options.parse(cl.month("recon"), cl.options(), Path.of("."));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
            }
            case CLOSE_MONTH -> {
                if (cl.month("month") == null) throw new UsageException("close-month needs --month YYYY-MM");
            }
            case RECONCILE -> {
                YearMonth month = cl.month("month");
                if (cl.has("history") && cl.has("recon-folder")) {
                    throw new UsageException("--recon-folder goes with reconcile --month, not with --history");
                }
                if (!cl.has("history") && month == null) throw new UsageException("reconcile needs --month YYYY-MM");
                if (cl.has("recon-folder") && cl.get("recon-folder").isEmpty()) {
                    throw new UsageException("--recon-folder must not be empty");
                }
            }
            case EXPLAIN -> {
                if (cl.has("line") == cl.has("subscription")) {
                    throw new UsageException("explain needs --line LINEID or --subscription ID");
                }
                if (cl.has("line") && date != null) throw new UsageException("--date goes with --subscription only");
            }
            default -> { }
        }
    }

    private Outcome execute(CommandLine cl, Settings s, String url, List<Schedule> schedules, EmbeddedDatabase db)
            throws Exception {
        // passed as command-line arguments, the operator's --spring.x=y outrank application.properties (as default
        // properties they did not); the user name stays a default, below SPRING_DATASOURCE_USERNAME
        Map<String, String> given = new LinkedHashMap<>(cl.springProperties());
        given.put("spring.datasource.url", url);
        String[] springArgs = given.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Map<String, Object> defaults = Map.of("spring.datasource.username", "postgres");
        // Quartz, the web server and metrics run in schedule mode only (schedule/ScheduleOnlyAutoConfigurations)
        if (schedules != null) return ScheduleCommand.run(schedules, s, defaults, springArgs, db, out);
        if (cl.command() == Command.CONSOLE) {
            return ConsoleCommand.run(s, defaults, springArgs, db, out);
        }
        if (cl.command() == Command.WORKER) {
            return UntilStopped.run("worker", stop -> RemoteWorker.serve(defaults, springArgs, out, stop), db, out);
        }
        // a command uses a few of the context's beans: create only those (a tenth of a short run's CPU, D44)
        Map<String, Object> command = Map.of("spring.datasource.username", "postgres",
                "spring.main.lazy-initialization", "true");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BillingApplication.class)
                .properties(command).logStartupInfo(false).run(springArgs)) {
            NightlyRunner runner = ctx.getBean(NightlyRunner.class);
            LedgerCommands ledger = ctx.getBean(LedgerCommands.class);
            boolean force = cl.has("force-rerun");
            return switch (cl.command()) {
                case RUN -> cl.has("date") ? runOne(runner, ledger, cl.date("date"), s, force)
                        : runRange(runner, ledger, cl.date("from"), cl.date("to"), s, force);
                case PREVIEW -> ledger.preview(cl.date("date"), s);
                case CLOSE_MONTH -> ledger.closeMonth(cl.month("month"), s);
                case RECONCILE -> cl.has("history")
                        ? ctx.getBean(ReconcileRunner.class).history(cl.month("month"))
                        : ctx.getBean(ReconcileRunner.class).reconcile(cl.month("month"),
                                cl.has("recon-folder") ? cwd.resolve(cl.get("recon-folder")).toAbsolutePath().normalize()
                                        : null, s);
                case RESTART -> runner.restart(cl.date("date"), s);
                case ABANDON -> runner.abandon(cl.date("date"));
                case STATUS -> ctx.getBean(StatusReport.class).render(cl.date("date"), cl.positiveInt("last", 10));
                case EXPLAIN -> explain(ctx.getBean(ExplainCommand.class), cl);
                case GENERATE -> microsoftFile(ctx.getBean(MicrosoftFileSource.class), cl, s);
                case USER -> UserCommand.run(cl, password, ctx.getBean(UserStore.class),
                        java.time.Clock.systemUTC());
                default -> throw new UsageException("unknown command " + cl.command());
            };
        }
    }

    /** Prints the explanation; an unknown id is refused (exit 3). */
    private static Outcome explain(ExplainCommand explain, CommandLine cl) {
        ExplainCommand.Result r = cl.has("line") ? explain.line(cl.get("line"))
                : explain.subscription(cl.get("subscription"), cl.date("date"));
        String text = r.text().endsWith("\n") ? r.text().substring(0, r.text().length() - 1) : r.text();
        return r.found() ? Outcome.ok(text) : Outcome.refused(text);
    }

    /** {@code --force-rerun} recomputes a completed date; for any other date it is a normal run. */
    private static Outcome runOne(NightlyRunner runner, LedgerCommands ledger, LocalDate d, Settings s, boolean force)
            throws Exception {
        return force && runner.completed(d) ? ledger.forceRerun(d, s) : runner.run(d, s);
    }

    private Outcome runRange(NightlyRunner runner, LedgerCommands ledger, LocalDate from, LocalDate to, Settings s,
                             boolean force) throws Exception {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Outcome o = runOne(runner, ledger, d, s, force);
            if (o.exitCode() != 0) {
                return new Outcome(o.status(), o.message() + "\nstopped at " + d + "; later dates were not run");
            }
            out.println(o.message());
        }
        return Outcome.ok("ran " + from + " to " + to);
    }
}
