package com.marketplacebilling.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written id check must accept exactly what the documented pattern accepts. */
class IdCheckTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final String ALPHABET = "aZ09-_ .é\t/";

    @Test
    @DisplayName("random strings of 0-66 characters: isId agrees with [A-Za-z0-9][A-Za-z0-9_-]{0,63}")
    void agreesWithThePattern() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            int n = r.nextInt(67);
            StringBuilder b = new StringBuilder(n);
            boolean mostlyValid = r.nextBoolean();
            for (int k = 0; k < n; k++) {
                b.append(ALPHABET.charAt(r.nextInt(mostlyValid ? 6 : ALPHABET.length())));
            }
            String v = b.toString();
            assertThat(Row.isId(v)).as("seed %d: '%s'", seed, v).isEqualTo(ID.matcher(v).matches());
        }
        assertThat(Row.isId("a".repeat(64))).isTrue();
        assertThat(Row.isId("a".repeat(65))).isFalse();
        assertThat(Row.isId("-a")).isFalse();
        assertThat(Row.isId("")).isFalse();
    }
}
