package com.marketplacebilling.cli;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.ops.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Effective settings: a command-line option, else its Spring property ({@code --billing.inbox=}), else its
 * environment variable ({@code BILLING_INBOX}), else the default. Defaults live under the application home;
 * a relative path given by the operator is taken from the current folder.
 */
public final class CommandSettings {
    private CommandSettings() {}

    public static Settings resolve(CommandLine cl, Map<String, String> env, Path home, Path cwd) {
        Path inbox = path(cl, env, "inbox", home.resolve("sample-data"), cwd);
        Path outbox = path(cl, env, "outbox", home.resolve("out"), cwd);
        Path db = path(cl, env, "db", home.resolve("var").resolve("db"), cwd);
        String r = value(cl, env, "rounding");
        Rounding rounding;
        try {
            rounding = r == null ? Rounding.UNIT : Rounding.parse(r);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ", got: " + r);
        }
        String legacy = value(cl, env, "cancellation-legacy-until");
        BillingPolicy policy = new BillingPolicy(rounding, legacy == null ? BillingPolicy.DEFAULT_LEGACY_UNTIL
                : CommandLine.instant("cancellation-legacy-until", legacy));
        String url = cl.springProperties().get("spring.datasource.url");
        if (url == null) url = env.get("SPRING_DATASOURCE_URL");
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("spring.datasource.url must be a jdbc:postgresql: URL (PostgreSQL is the only"
                    + " supported database), got: " + url);
        }
        return new Settings(inbox, outbox, db, policy, url);
    }

    /** The schedules folder of {@code bin/billing schedule} ({@code --jobs}, default {@code jobs/} in the home). */
    public static Path jobs(CommandLine cl, Map<String, String> env, Path home, Path cwd) {
        return path(cl, env, "jobs", home.resolve("jobs"), cwd);
    }

    /**
     * True for {@code --billing.partitioning=remote} (or BILLING_PARTITIONING=remote): the bill step's slices go to
     * workers. Remote mode, and the worker command, need a shared PostgreSQL: the embedded one is refused (usage).
     */
    public static boolean remote(CommandLine cl, Map<String, String> env, Settings settings) {
        String mode = cl.springProperties().getOrDefault("billing.partitioning", env.get("BILLING_PARTITIONING"));
        if (mode != null && !mode.equals("local") && !mode.equals("remote")) {
            throw new UsageException("billing.partitioning must be local or remote, got: " + mode);
        }
        String threads = cl.springProperties().get("billing.worker.threads");
        if (threads != null && !threads.matches("[1-9][0-9]{0,2}")) {
            throw new UsageException("billing.worker.threads must be a whole number from 1 to 999, got: " + threads);
        }
        boolean remote = "remote".equals(mode);
        if (settings.embedded() && cl.command() == Command.WORKER) {
            throw new UsageException("bin/billing worker needs a shared PostgreSQL (--spring.datasource.url=jdbc:"
                    + "postgresql://... or SPRING_DATASOURCE_URL): it bills into the manager's database");
        }
        if (settings.embedded() && remote && Set.of(Command.RUN, Command.RESTART, Command.SCHEDULE).contains(cl.command())) {
            throw new UsageException("billing.partitioning=remote needs a shared PostgreSQL (--spring.datasource.url="
                    + "jdbc:postgresql://... or SPRING_DATASOURCE_URL): workers on other machines cannot reach the"
                    + " embedded database; run with --billing.partitioning=local (the default) to use it");
        }
        return remote;
    }

    /** Option names whose Spring property is not simply {@code billing.<name>}. */
    private static final Map<String, String> PROPERTY = Map.of(
            "cancellation-legacy-until", "billing.cancellation.legacy-until");

    private static String value(CommandLine cl, Map<String, String> env, String name) {
        if (cl.has(name)) return cl.get(name);
        String prop = PROPERTY.getOrDefault(name, "billing." + name);
        if (cl.springProperties().containsKey(prop)) return cl.springProperties().get(prop);
        return env.get("BILLING_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Path path(CommandLine cl, Map<String, String> env, String name, Path fallback, Path cwd) {
        String v = value(cl, env, name);
        if (v == null) return fallback.toAbsolutePath().normalize();
        if (v.isEmpty()) throw new UsageException("--" + name + " must not be empty");
        return cwd.resolve(v).toAbsolutePath().normalize();
    }
}
