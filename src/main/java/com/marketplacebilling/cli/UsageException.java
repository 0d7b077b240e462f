package com.marketplacebilling.cli;

/** Bad command line: exit 2 with the message and the usage. */
public class UsageException extends RuntimeException {
    public UsageException(String message) { super(message); }
}
