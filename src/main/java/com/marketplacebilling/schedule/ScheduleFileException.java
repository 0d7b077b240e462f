package com.marketplacebilling.schedule;

import java.nio.file.Path;

/** A file in {@code jobs/} that cannot be used: which file, which key, what is wrong. Exit code 2. */
public class ScheduleFileException extends RuntimeException {
    public ScheduleFileException(Path file, String key, String problem) {
        super(file + (key == null ? "" : ": " + key) + ": " + problem);
    }
}
