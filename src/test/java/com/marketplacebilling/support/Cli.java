package com.marketplacebilling.support;

import com.marketplacebilling.cli.BillingCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code bin/billing} commands in-process against a test database, capturing the output. */
public final class Cli {
    private final Path home;
    private final String datasourceUrl;

    public record Result(int exitCode, String out, String err) {
        public String all() { return out + err; }
    }

    public Cli(Path home, String datasourceUrl) {
        this.home = home;
        this.datasourceUrl = datasourceUrl;
    }

    /** The repository folder (tests run with it as the working directory). */
    public static Path repository() { return Path.of("").toAbsolutePath(); }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (datasourceUrl != null) all.add("--spring.datasource.url=" + datasourceUrl);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BillingCli(Map.of(), home, home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
