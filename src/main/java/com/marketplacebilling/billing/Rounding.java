package com.marketplacebilling.billing;

import java.util.Locale;

/** R14's two rounding modes. */
public enum Rounding {
    /** Truncate the prorated unit price, then multiply by quantity (Microsoft's reconciliation formula). */
    UNIT,
    /** Truncate the whole line amount once (what Microsoft's seat-change examples show). */
    LINE;

    private final String optionName = name().toLowerCase(Locale.ROOT);

    public String optionName() { return optionName; }

    public static Rounding parse(String s) {
        return switch (s) {
            case "unit" -> UNIT;
            case "line" -> LINE;
            default -> throw new IllegalArgumentException("--rounding must be unit or line");
        };
    }
}
