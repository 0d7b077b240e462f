package com.marketplacebilling.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for instants must agree with the general ISO parser on everything it accepts. */
class PlainInstantTest {

    @Test
    @DisplayName("plain UTC instants read fast equal the ISO parser's, over random seconds from 1970 to 2099")
    void agreesWithTheIsoParser() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(0, 4_102_444_800L));
            String text = DateTimeFormatter.ISO_INSTANT.format(t);
            assertThat(Row.plainUtc(text)).as("seed %d: %s", seed, text).isEqualTo(t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-31T10:00:00Z",
            "2026-11-24T24:00:00Z", "2026-11-24T23:60:00Z", "2026-11-24T23:59:60Z", "2026-11-24T10:15:00+01:00",
            "2026-11-24t10:15:00Z", "2026-11-24T10:15:00z", "2026-11-24T10:15:00.5Z", "2026-11-24T10:15Z",
            "２026-11-24T10:15:00Z", "+2026-11-24T10:15:0Z", "2026-11-24 10:15:00Z"})
    @DisplayName("any other form, or an impossible value, is left to the ISO parser (which decides the same as before)")
    void otherFormsFallBack(String text) {
        assertThat(Row.plainUtc(text)).isNull();
        Instant general;
        try {
            general = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            general = null;
        }
        if (text.equals("2026-11-24T10:15:00+01:00")) assertThat(general).isEqualTo(Instant.parse("2026-11-24T09:15:00Z"));
        if (text.startsWith("2026-02-29") || text.startsWith("2026-13") || text.startsWith("2026-11-31")
                || text.contains("T24:") || text.contains(":60")) {
            assertThat(general).as("impossible values stay rejected").isNull();
        }
    }
}
