package com.marketplacebilling.remote;

import java.nio.charset.StandardCharsets;

/**
 * A request to run one slice: the step's name, the ids of its step execution and the manager's database, as one
 * line of text ({@code billSlice 12 345 billing}). Plain text on purpose: a worker never deserializes Java objects
 * from the broker. The database's name keeps a worker of another database on the same queue from running a step
 * execution that merely has the same id in its own.
 */
record SliceRequest(String stepName, long jobExecutionId, long stepExecutionId, String database) {

    byte[] body() {
        return (stepName + " " + jobExecutionId + " " + stepExecutionId + " " + database)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The request a message body carries; IllegalArgumentException when it is not one. */
    static SliceRequest parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String[] parts = text.split(" ", -1);
        if (parts.length != 4 || !parts[0].matches("[A-Za-z][A-Za-z0-9]{0,63}") || !parts[1].matches("[0-9]{1,18}")
                || !parts[2].matches("[0-9]{1,18}") || !parts[3].matches("\\S{1,200}")) {
            throw new IllegalArgumentException("not a slice request: "
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
        }
        return new SliceRequest(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
    }
}
