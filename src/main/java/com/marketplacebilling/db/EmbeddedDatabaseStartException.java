package com.marketplacebilling.db;

/** initdb or the embedded server failed: the message carries their own output and a fix (a restart cannot help). */
public class EmbeddedDatabaseStartException extends IllegalStateException {
    public EmbeddedDatabaseStartException(String message, Throwable cause) { super(message, cause); }
}
