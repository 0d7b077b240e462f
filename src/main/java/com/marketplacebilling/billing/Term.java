package com.marketplacebilling.billing;

/** Commitment length of a subscription (feed column {@code term}). */
public enum Term {
    P1M(1), P1Y(12);

    private final int months;

    Term(int months) { this.months = months; }

    public int months() { return months; }

    public static Term parse(String s) {
        return switch (s) {
            case "P1M" -> P1M;
            case "P1Y" -> P1Y;
            default -> throw new IllegalArgumentException("term must be P1M or P1Y");
        };
    }
}
