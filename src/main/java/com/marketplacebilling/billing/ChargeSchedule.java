package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * R3: terms and charge cycles anchored on the billing start S. Each boundary is computed from S directly
 * ({@code S.plusMonths(j * months)}), never from the previous boundary, so a day clamped at a short month's
 * end springs back (S = 01-31: 02-28, then 03-31).
 */
public record ChargeSchedule(LocalDate anchor, int cycleMonths, int termMonths) {

    public static ChargeSchedule of(LocalDate billingStart, Term term, BillingFrequency frequency) {
        return new ChargeSchedule(billingStart, frequency.cycleMonths(), term.months());
    }

    public ChargeCycle cycle(int j) { return span(j, cycleMonths); }

    public ChargeCycle term(int k) { return span(k, termMonths); }

    /** The cycle containing the day; days before the anchor belong to no cycle. */
    public ChargeCycle cycleOn(LocalDate day) { return spanOn(day, cycleMonths); }

    public ChargeCycle termOn(LocalDate day) { return spanOn(day, termMonths); }

    /** True when cycle j starts a new term (R6 renewal) rather than continuing one (R5). */
    public boolean startsTerm(int j) { return (j * cycleMonths) % termMonths == 0; }

    private ChargeCycle span(int i, int months) {
        return new ChargeCycle(i, anchor.plusMonths((long) i * months),
                anchor.plusMonths((long) (i + 1) * months).minusDays(1));
    }

    private ChargeCycle spanOn(LocalDate day, int months) {
        if (day.isBefore(anchor)) throw new IllegalArgumentException(day + " is before the billing start " + anchor);
        int guess = (int) (ChronoUnit.MONTHS.between(anchor, day) / months);
        // month arithmetic clamps, so the guess can be one off in either direction
        for (int i = Math.max(0, guess - 1); ; i++) {
            ChargeCycle c = span(i, months);
            if (c.contains(day)) return c;
        }
    }
}
