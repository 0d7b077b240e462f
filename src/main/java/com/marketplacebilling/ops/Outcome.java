package com.marketplacebilling.ops;

/** A command's exit code (0 success, 1 failed, 2 usage, 3 refused) and what to tell the operator. */
public record Outcome(int exitCode, String message) {
    public static Outcome ok(String m) { return new Outcome(0, m); }

    public static Outcome failed(String m) { return new Outcome(1, m); }

    public static Outcome refused(String m) { return new Outcome(3, m); }
}
