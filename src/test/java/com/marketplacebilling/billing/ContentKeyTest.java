package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The content key written in one buffer is the key of the parts hashed one by one, for any row (D46). */
class ContentKeyTest {
    private static final String ALPHABET = "abcXYZ019 -_.,;'\"\\\t\néèÿ×→−€中\u001f\u0000\ud83d\ude00\ud83d";

    @Test
    @DisplayName("contentKey equals Hashes.key over its parts on random rows (non-ASCII, surrogates, rare instants)")
    void sameAsPartByPart() {
        Random r = new Random(46);
        for (int i = 0; i < 20_000; i++) {
            CommerceVersion v = new CommerceVersion(text(r), text(r), text(r), text(r), text(r), text(r), text(r),
                    text(r), text(r), text(r), text(r), r.nextInt(), new BigDecimal(r.nextInt(100_000)).movePointLeft(
                    r.nextInt(6)), text(r), Term.values()[r.nextInt(Term.values().length)],
                    BillingFrequency.values()[r.nextInt(BillingFrequency.values().length)], r.nextBoolean(),
                    CommerceStatus.values()[r.nextInt(CommerceStatus.values().length)], instant(r), instant(r),
                    r.nextBoolean() ? null : instant(r),
                    new SourceRef(LocalDate.of(2026, 11, 2), SourceRef.COMMERCE_FILE, i));
            assertThat(v.contentKey()).as(v.toString()).isEqualTo(v.contentKeyByParts());
        }
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(4) == 0 ? 0 : r.nextInt(30);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        return b.toString();
    }

    private static Instant instant(Random r) {
        long s = switch (r.nextInt(4)) {
            case 0 -> -70_000_000_000L + r.nextLong(140_000_000_000L); // years before 1000 and after 9999 too
            default -> 1_700_000_000L + r.nextInt(200_000_000);
        };
        return Instant.ofEpochSecond(s, r.nextInt(5) == 0 ? r.nextInt(1_000_000_000) : 0);
    }
}
