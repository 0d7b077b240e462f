package com.marketplacebilling.db;

import java.nio.file.Path;

/**
 * Thrown by {@link EmbeddedDatabase#start(Path)} when another process (or another instance in this JVM)
 * already holds the application lock of the data directory.
 */
public class DatabaseInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path dataDir;

    public DatabaseInUseException(Path dataDir, String holderPid, String holderSince) {
        super("Database directory " + dataDir + " is already in use by another running process (pid="
                + holderPid + " since " + holderSince + ")");
        this.dataDir = dataDir;
    }

    /** The absolute data directory that is in use. */
    public Path dataDir() {
        return dataDir;
    }
}
