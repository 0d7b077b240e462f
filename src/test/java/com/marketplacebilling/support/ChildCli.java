package com.marketplacebilling.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code bin/billing} commands as real child processes (a separate JVM each), from the test classpath. */
public final class ChildCli {
    private ChildCli() {}

    /** Starts the command; its stdout and stderr go to {@code log}. */
    public static Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-Dbilling.home=" + Cli.repository(),
                "-cp", System.getProperty("java.class.path"), "com.marketplacebilling.cli.BillingCli"));
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
