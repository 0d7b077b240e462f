package com.marketplacebilling.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The spec's day boundaries: "at the start of day d" is before d T00:00Z, "on day d" before (d+1) T00:00Z. */
final class Instants {
    private Instants() {}

    static Instant startOf(LocalDate d) { return d.atStartOfDay(ZoneOffset.UTC).toInstant(); }

    static Instant endOf(LocalDate d) { return startOf(d.plusDays(1)); }

    static LocalDate dateOf(Instant i) { return LocalDate.ofInstant(i, ZoneOffset.UTC); }
}
