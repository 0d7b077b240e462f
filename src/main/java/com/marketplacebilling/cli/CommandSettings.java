package com.marketplacebilling.cli;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.ops.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

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
