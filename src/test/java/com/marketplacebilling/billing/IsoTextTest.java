package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written ISO text of the million-row paths is exactly java.time's, and reads back. */
class IsoTextTest {
    @Test
    @DisplayName("dates: the same text as LocalDate.toString (four-digit years by hand, others by java.time), read back")
    void dates() {
        Random r = new Random(11);
        StringBuilder b = new StringBuilder("x");
        for (int i = 0; i < 20_000; i++) {
            LocalDate d = i % 10 == 0 ? LocalDate.ofEpochDay(r.nextLong(-1_000_000, 3_000_000))
                    : LocalDate.ofEpochDay(r.nextInt(-400_000, 2_900_000));
            b.setLength(1);
            IsoText.appendDate(b, d);
            assertThat(b.toString()).isEqualTo("x" + d);
            if (d.getYear() >= 1000 && d.getYear() <= 9999) {
                assertThat(IsoText.parseDate(b.toString(), 1, b.length())).isEqualTo(d);
            }
        }
        // after a non-Latin-1 char the builder holds UTF-16: the date is appended the same
        b.setLength(0);
        b.append('→');
        IsoText.appendDate(b, LocalDate.of(2026, 11, 2));
        assertThat(b.toString()).isEqualTo("→2026-11-02");
    }

    @Test
    @DisplayName("instants: the same text as Instant.toString, read back")
    void instants() {
        Random r = new Random(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-40_000_000_000L, 250_000_000_000L), i % 7 == 0 ? r.nextInt(1_000_000_000) : 0);
            b.setLength(0);
            IsoText.appendInstant(b, t);
            assertThat(b.toString()).isEqualTo(t.toString());
            assertThat(IsoText.parseInstant(b.toString(), 0, b.length())).isEqualTo(t);
        }
    }
}
