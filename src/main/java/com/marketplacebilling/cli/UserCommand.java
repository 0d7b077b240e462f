package com.marketplacebilling.cli;

import com.marketplacebilling.ledger.UserStore;
import com.marketplacebilling.ops.Outcome;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code bin/billing user add NAME --role operator|finance | list | remove NAME}: the console's accounts.
 * The password is read from a terminal prompt (twice, not echoed) or, when standard input is not a terminal,
 * from its first line; never from the command line, where {@code ps} and the shell history would keep it.
 */
public final class UserCommand {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final int MIN_PASSWORD = 12;

    private UserCommand() {}

    /** Checks the words and options before anything starts (exit 2 on bad usage). */
    static void validate(CommandLine cl) {
        String action = cl.get("action");
        if (action == null) throw new UsageException("user needs add, list or remove");
        switch (action) {
            case "add" -> {
                name(cl);
                role(cl);
            }
            case "remove" -> {
                name(cl);
                if (cl.has("role")) throw new UsageException("user remove takes no --role");
            }
            case "list" -> {
                if (cl.has("name") || cl.has("role")) throw new UsageException("user list takes no name or --role");
            }
            default -> throw new UsageException("user needs add, list or remove, got: " + action);
        }
    }

    static String name(CommandLine cl) {
        String n = cl.get("name");
        if (n == null) throw new UsageException("user " + cl.get("action") + " needs a NAME");
        if (!NAME.matcher(n).matches()) {
            throw new UsageException("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a"
                    + " letter or digit, got: " + n);
        }
        return n;
    }

    static UserStore.Role role(CommandLine cl) {
        String r = cl.get("role");
        if (r == null) throw new UsageException("user add needs --role operator|finance");
        return switch (r.toLowerCase(Locale.ROOT)) {
            case "operator" -> UserStore.Role.OPERATOR;
            case "finance" -> UserStore.Role.FINANCE;
            default -> throw new UsageException("--role must be operator or finance, got: " + r);
        };
    }

    /**
     * The new password: prompted for twice on a terminal, else the first line of {@code in}. Refused (usage)
     * when empty, shorter than {@value #MIN_PASSWORD} characters, or the two entries differ.
     */
    static String readPassword(Console console, InputStream in, String user) {
        String p;
        if (console != null) {
            char[] a = console.readPassword("Password for %s: ", user);
            char[] b = console.readPassword("Same password again: ");
            if (a == null || b == null) throw new UsageException("no password given");
            if (!Arrays.equals(a, b)) throw new UsageException("the two passwords differ; nothing was changed");
            p = new String(a);
        } else {
            try {
                p = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UsageException("cannot read the password from standard input: " + e.getMessage());
            }
            if (p == null) throw new UsageException("no password on standard input (give it as its first line)");
        }
        if (p.length() < MIN_PASSWORD) {
            throw new UsageException("a password has at least " + MIN_PASSWORD + " characters");
        }
        return p;
    }

    static Outcome run(CommandLine cl, String password, UserStore users, Clock clock) {
        switch (cl.get("action")) {
            case "add" -> {
                String n = name(cl);
                UserStore.Role role = role(cl);
                if (!users.add(n, new BCryptPasswordEncoder().encode(password), role, clock.instant())) {
                    return Outcome.refused("user " + n + " exists already; remove it first to change its password or role");
                }
                return Outcome.ok("user " + n + " added with role " + role.name().toLowerCase(Locale.ROOT));
            }
            case "remove" -> {
                String n = name(cl);
                return users.remove(n) ? Outcome.ok("user " + n + " removed") : Outcome.refused("no user " + n);
            }
            default -> {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %-9s %s%n", "user", "role", "created (UTC)"));
                for (UserStore.User u : users.list()) {
                    sb.append(String.format(Locale.ROOT, "%-24s %-9s %s%n", u.name(),
                            u.role().name().toLowerCase(Locale.ROOT), u.createdAt()));
                }
                if (users.list().isEmpty()) sb.append("(no users: add one with bin/billing user add NAME --role operator|finance)\n");
                return Outcome.ok(sb.toString().stripTrailing());
            }
        }
    }
}
