package com.marketplacebilling.ops;

/** How a command ended, with its exit code (0 success, 1 failed, 2 usage, 3 refused), and what to tell the operator. */
public record Outcome(Status status, String message) {

    /** The ways a command ends; several may share an exit code. */
    public enum Status {
        OK(0),
        FAILED(1),
        /** A date's feed folder or file does not exist (yet): nothing was recorded, nothing blocks later dates. */
        WAITING_FOR_FEEDS(1),
        USAGE(2),
        REFUSED(3);

        private final int exitCode;

        Status(int exitCode) { this.exitCode = exitCode; }

        public int exitCode() { return exitCode; }

        static Status of(int exitCode) {
            return switch (exitCode) {
                case 0 -> OK;
                case 2 -> USAGE;
                case 3 -> REFUSED;
                default -> FAILED;
            };
        }
    }

    public Outcome(int exitCode, String message) { this(Status.of(exitCode), message); }

    public int exitCode() { return status.exitCode(); }

    public static Outcome ok(String m) { return new Outcome(Status.OK, m); }

    public static Outcome failed(String m) { return new Outcome(Status.FAILED, m); }

    public static Outcome refused(String m) { return new Outcome(Status.REFUSED, m); }

    public static Outcome waitingForFeeds(String m) { return new Outcome(Status.WAITING_FOR_FEEDS, m); }
}
