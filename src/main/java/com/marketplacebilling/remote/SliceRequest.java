package com.marketplacebilling.remote;

import java.nio.charset.StandardCharsets;

/**
 * A request to run one slice: the step's name and the ids of its step execution, as one line of text
 * ({@code billSlice 12 345}). Plain text on purpose: a worker never deserializes Java objects from the broker.
 */
record SliceRequest(String stepName, long jobExecutionId, long stepExecutionId) {

    byte[] body() {
        return (stepName + " " + jobExecutionId + " " + stepExecutionId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The request a message body carries; IllegalArgumentException when it is not one. */
    static SliceRequest parse(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || !parts[0].matches("[A-Za-z][A-Za-z0-9]{0,63}") || !parts[1].matches("[0-9]{1,18}")
                || !parts[2].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("not a slice request: "
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
        }
        return new SliceRequest(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }
}
