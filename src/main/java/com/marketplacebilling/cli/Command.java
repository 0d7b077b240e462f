package com.marketplacebilling.cli;

import java.util.Set;

/** The commands of {@code bin/billing}, each with its word and the options it takes (besides the common ones). */
public enum Command {
    RUN("run", Set.of("date", "from", "to", "force-rerun")),
    RESTART("restart", Set.of("date")),
    STATUS("status", Set.of("date", "last")),
    PREVIEW("preview", Set.of("date")),
    CLOSE_MONTH("close-month", Set.of("month")),
    ABANDON("abandon", Set.of("date")),
    GENERATE("generate", Set.of("subscriptions", "days", "seed", "start", "out", "recon")),
    SCHEDULE("schedule", Set.of("jobs")),
    EXPLAIN("explain", Set.of("line", "subscription", "date")),
    CONSOLE("console", Set.of()),
    WORKER("worker", Set.of()),
    /** Takes words after the command: {@code user add NAME}. */
    USER("user", Set.of("role")),
    RECONCILE("reconcile", Set.of("month", "recon-folder", "history"));

    private final String word;
    private final Set<String> options;

    Command(String word, Set<String> options) {
        this.word = word;
        this.options = options;
    }

    /** The command as typed, e.g. {@code close-month}. */
    public String word() { return word; }

    /** The options of this command, without the common ones. */
    Set<String> options() { return options; }

    /** Whether words follow the command ({@code user add NAME}). */
    boolean takesWords() { return this == USER; }

    /** The command typed as {@code word}, or null. */
    public static Command of(String word) {
        for (Command c : values()) {
            if (c.word.equals(word)) return c;
        }
        return null;
    }

    /** The word, so messages read as the operator typed the command. */
    @Override
    public String toString() { return word; }
}
