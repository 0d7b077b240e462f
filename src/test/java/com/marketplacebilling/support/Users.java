package com.marketplacebilling.support;

import com.marketplacebilling.cli.BillingCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code bin/billing user ...} in-process with the password on standard input, as a script would. */
public final class Users {
    private Users() {}

    public static Cli.Result run(Path home, String datasourceUrl, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + datasourceUrl);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BillingCli(Map.of(), home, home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .withInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .run(all.toArray(String[]::new));
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Adds the user or fails the test. */
    public static void add(Path home, String datasourceUrl, String name, String role, String password) {
        Cli.Result r = run(home, datasourceUrl, password + "\n", "user", "add", name, "--role", role);
        if (r.exitCode() != 0) throw new AssertionError("user add " + name + " failed: " + r.all());
    }
}
