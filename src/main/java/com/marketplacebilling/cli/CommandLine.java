package com.marketplacebilling.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: a command, its options ({@code --name value} or {@code --name=value}), and Spring
 * properties passed through ({@code --spring.x=y}, {@code --billing.x=y}, {@code --logging.x=y}).
 */
public record CommandLine(Command command, Map<String, String> options, Map<String, String> springProperties) {

    public static final String USAGE = """
            usage: bin/billing <command> [options]
              run --date D | --from D --to D [--force-rerun]   run the nightly job for business dates (YYYY-MM-DD)
              restart --date D                                  resume the failed or stopped run of a date
              status [--date D] [--last N]                      recent runs with counts and exit messages
              preview --date D                                  what the run would emit, into <outbox>/preview; nothing stored
              close-month --month YYYY-MM                       write the month's invoices and lock the month
              reconcile --month YYYY-MM [--recon-folder DIR]    compare Microsoft's monthly reconciliation files
                                                                (<inbox>/partner-center/<YYYY-MM>/*.csv) with the
                                                                ledger into <outbox>/reconciliation/<YYYY-MM>
              reconcile --history [--month YYYY-MM]             the reconciliation runs, files' SHA-256 and counts
              abandon --date D                                  give up a failed run for good
              generate --subscriptions N --out DIR [--days K] [--seed S] [--start D]
                                                                write a synthetic book (benchmarks)
              generate --recon YYYY-MM [--seed S] [--out DIR]   Microsoft's reconciliation files for a billed month,
                                                                from our lines with known differences, into
                                                                <inbox>/partner-center/YYYY-MM (tests, benchmarks)
              schedule [--jobs DIR]                             stay up and run the schedules in jobs/ (Quartz);
                                                                serves the console, health and metrics on
                                                                127.0.0.1:8089 (--server.address=, --server.port=)
              console                                           serve the web console only (127.0.0.1:8089)
              worker [--billing.worker.threads=N]               stay up and bill the slices that runs with
                                                                --billing.partitioning=remote send over RabbitMQ
              user add NAME --role operator|finance             create a console login (password from stdin)
              user list | user remove NAME                      list or remove console logins
              explain --line LINEID                             why a line has its amount: rule, inputs, facts
              explain --subscription ID [--date D]              a subscription's story: facts, billing start, terms,
                                                                lines with their explanations, exceptions
              help [COMMAND]                                    this text, or one command's (also COMMAND --help)
            options: --inbox DIR  --outbox DIR  --db DIR  --rounding unit|line
                     --cancellation-legacy-until INSTANT  --spring.datasource.url=jdbc:postgresql://...
                     --billing.partitioning=local|remote  --billing.bill.slices=N  --spring.rabbitmq.host=HOST""";

    /** More about a command, shown by {@code bin/billing help COMMAND} and {@code bin/billing COMMAND --help}. */
    private static final Map<Command, String> DETAILS = Map.of(
            Command.RUN, """
                    Reads <inbox>/<D>/subscriptions.csv and fulfillment-events.csv, bills what is due by the end of D
                    and publishes <outbox>/<D>/ (invoice-lines.csv, invoice-lines.xlsx, exceptions.csv, manifest.json).
                    Exit 0 completed; 1 failed (restart --date D resumes it) or its feeds have not arrived (nothing
                    recorded); 3 refused (already completed, an earlier date unfinished, a run in progress).""",
            Command.STATUS, """
                    State of each date: RUNNING, COMPLETED, FAILED, STOPPED, INTERRUPTED (its process died) or
                    ABANDONED, with attempts, the last attempt's duration, row counts and the failing step's message.
                    With --date D, also the steps of D's last attempt.""",
            Command.WORKER, """
                    A stateless worker for remote partitioning (docs/scaling.md): bills the bill step's slices that a
                    run with --billing.partitioning=remote sends over RabbitMQ (spring.rabbitmq.*), into the shared
                    PostgreSQL (--spring.datasource.url, required). Writes a heartbeat; an unreachable database or
                    broker is reported and retried. Stop with SIGTERM or Ctrl-C (running slices finish first).""",
            Command.CLOSE_MONTH, """
                    Refused until the month's last day has completed. First closes every earlier open month that
                    has lines, oldest first, then the month given: each writes <outbox>/invoices/<YYYY-MM>/
                    (invoices.csv, invoice-lines.csv, invoice-lines.xlsx) before it is locked.""",
            Command.RECONCILE, """
                    Reads every *.csv of <inbox>/partner-center/<YYYY-MM>/ (or --recon-folder DIR), matches each
                    Microsoft row with our lines and publishes <outbox>/reconciliation/<YYYY-MM>/
                    (reconciliation.csv, reconciliation-summary.csv, manifest.json); docs/reconciliation.md says what
                    each status and code means. Every run is recorded (--history). Exit 0 done (differences are
                    results); 1 failed (a missing folder, no CSV file, a missing column: the message names the file
                    and column; run it again to resume); 3 refused (the month is not complete: a date up to its last
                    day has not completed or a run is unfinished).""");

    /** The help of one command (its usage lines, details and the common options), or of all of them. */
    public static String help(String command) {
        Command c = Command.of(command);
        if (c == null) return USAGE;
        StringBuilder sb = new StringBuilder("usage: bin/billing " + command + " [options]\n");
        boolean in = false;
        for (String line : USAGE.lines().toList()) {
            if (line.startsWith("  " + command + " ") || line.equals("  " + command)) in = true;
            else if (line.startsWith("  ") && !line.startsWith("   ") || line.startsWith("options:")) in = false;
            if (in) sb.append(line).append('\n');
        }
        if (DETAILS.containsKey(c)) sb.append('\n').append(DETAILS.get(c).indent(2));
        sb.append('\n').append(USAGE.substring(USAGE.indexOf("options:")));
        return sb.toString();
    }

    /** True for {@code help [COMMAND]}, {@code --help}, {@code -h} and {@code COMMAND --help}. */
    public static boolean isHelp(String[] args) {
        if (args.length > 0 && args[0].equals("help")) return true;
        for (String a : args) if (a.equals("--help") || a.equals("-h")) return true;
        return false;
    }

    /** The command a help request is about, or null for the general help. */
    public static String helpTopic(String[] args) {
        for (String a : args) if (!a.startsWith("-") && !a.equals("help")) return a;
        return null;
    }

    private static final Set<String> COMMON = Set.of("inbox", "outbox", "db", "rounding", "cancellation-legacy-until");
    private static final Set<String> FLAGS = Set.of("force-rerun", "history");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter STRICT_MONTH = DateTimeFormatter.ofPattern("uuuu-MM")
            .withResolverStyle(ResolverStyle.STRICT);

    public static CommandLine parse(String[] args) {
        // the command is the first word that is neither an option nor an option's value
        String word = null;
        List<String[]> given = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                Command named = word == null ? null : Command.of(word);
                if (named != null && named.takesWords() && words.size() < 2) {
                    words.add(a);
                    continue;
                }
                if (word != null) throw new UsageException("unexpected argument: " + a);
                word = a;
                continue;
            }
            if (a.length() == 2) throw new UsageException("unexpected argument: --");
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (!FLAGS.contains(name) && !isPassThrough(name)) {
                if (i + 1 >= args.length) throw new UsageException("--" + name + " needs a value");
                value = args[++i];
            }
            given.add(new String[] {name, value});
        }
        if (word == null) throw new UsageException("no command given");
        Command command = Command.of(word);
        if (command == null) throw new UsageException("unknown command: " + word);
        Set<String> allowed = command.options();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> spring = new LinkedHashMap<>();
        for (String[] o : given) {
            String name = o[0];
            String value = o[1];
            if (isPassThrough(name)) {
                if (value == null) throw new UsageException("--" + name + " needs =value");
                spring.put(name, value);
                continue;
            }
            if (!allowed.contains(name) && !COMMON.contains(name)) {
                throw new UsageException("unknown option for " + command + ": --" + name);
            }
            if (FLAGS.contains(name)) {
                if (value != null) throw new UsageException("--" + name + " takes no value");
                value = "true";
            }
            if (options.put(name, value) != null) throw new UsageException("--" + name + " given twice");
        }
        // the words of "user add NAME": never options (no "--"), so they cannot collide with one
        if (!words.isEmpty()) options.put("action", words.get(0));
        if (words.size() > 1) options.put("name", words.get(1));
        return new CommandLine(command, options, spring);
    }

    private static boolean isPassThrough(String name) {
        return name.startsWith("spring.") || name.startsWith("billing.") || name.startsWith("logging.")
                || name.startsWith("server.") || name.startsWith("management.");
    }

    public boolean has(String name) { return options.containsKey(name); }

    public String get(String name) { return options.get(name); }

    /** A business date: parsed strictly before it can become part of any path. */
    public LocalDate date(String name) {
        String v = options.get(name);
        if (v == null) return null;
        try {
            return LocalDate.parse(v, STRICT_DATE);
        } catch (DateTimeException e) {
            throw new UsageException("--" + name + " must be a date YYYY-MM-DD, got: " + v);
        }
    }

    public YearMonth month(String name) {
        String v = options.get(name);
        if (v == null) return null;
        try {
            return YearMonth.parse(v, STRICT_MONTH);
        } catch (DateTimeException e) {
            throw new UsageException("--" + name + " must be a month YYYY-MM, got: " + v);
        }
    }

    public int positiveInt(String name, int fallback) {
        String v = options.get(name);
        if (v == null) return fallback;
        if (!v.matches("[0-9]{1,6}") || Integer.parseInt(v) < 1) {
            throw new UsageException("--" + name + " must be a whole number from 1, got: " + v);
        }
        return Integer.parseInt(v);
    }

    static Instant instant(String name, String v) {
        try {
            return java.time.OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new UsageException("--" + name + " must be an instant like 2022-01-01T00:00:00Z, got: " + v);
        }
    }
}
