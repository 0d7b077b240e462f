package com.marketplacebilling.feed;

/**
 * A defect of a whole input file (missing or unreadable file, no header, a required column missing or
 * duplicated). It fails the run before anything is billed. The message names the file and says what to fix.
 */
public class FeedFileException extends RuntimeException {

    public FeedFileException(String message) {
        super(message);
    }

    public FeedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
