package com.marketplacebilling.feed;

/** Thrown inside row validation when a value breaks its column's rule; carries no stack trace. */
final class RowDefect extends RuntimeException {
    final String column;
    final String rule;
    final String expected;
    final String actual;

    RowDefect(String column, String rule, String expected, String actual) {
        super("column \"" + column + "\": " + rule, null, false, false);
        this.column = column;
        this.rule = rule;
        this.expected = expected;
        this.actual = actual;
    }
}
