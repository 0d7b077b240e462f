package com.marketplacebilling.console;

/**
 * The Spring profile of the web console's beans: {@code bin/billing console} activates it, and so does
 * {@code bin/billing schedule} (the scheduler process serves the console too).
 */
public final class ConsoleProfile {
    public static final String NAME = "console";

    private ConsoleProfile() {}
}
