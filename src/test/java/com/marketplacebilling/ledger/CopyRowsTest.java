package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    private static String copyText(Instant i) {
        CopyRows rows = new CopyRows();
        rows.instant(i).end();
        return rows.toString();
    }

    @Test
    @DisplayName("instants are written as Instant.toString writes them (random seconds, nanos and odd years)")
    void instantsAsIso() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-70_000_000_000L, 300_000_000_000L),
                    r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0);
            assertThat(copyText(t)).as("seed %d", seed).isEqualTo(t + "\n");
        }
        assertThat(copyText(null)).isEqualTo("\\N\n");
        assertThat(copyText(Instant.parse("2026-11-24T00:00:00Z"))).isEqualTo("2026-11-24T00:00:00Z\n");
    }

    @Test
    @DisplayName("dates are written as LocalDate.toString writes them (random days, odd years)")
    void datesAsIso() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(r.nextLong(-800_000, 3_000_000));
            CopyRows rows = new CopyRows();
            rows.date(d).end();
            assertThat(rows.toString()).as("seed %d", seed).isEqualTo(d + "\n");
        }
    }

    @Test
    @DisplayName("text escapes backslash, tab, LF and CR wherever they are, and nothing else")
    void textEscapes() {
        CopyRows rows = new CopyRows();
        rows.text("plain, \"quoted\" é").text("a\tb\\c\nd\re").text("\\").text("").text(null).end();
        assertThat(rows.toString()).isEqualTo("plain, \"quoted\" é\ta\\tb\\\\c\\nd\\re\t\\\\\t\t\\N\n");
    }

    @Test
    @DisplayName("text is encoded as UTF-8 byte for byte as String.getBytes does, across the buffer's growth; an unpaired surrogate is refused")
    void utf8() throws Exception {
        CopyRows rows = new CopyRows();
        StringBuilder expected = new StringBuilder();
        String[] values = {"Société Générale", "× → − …", "\uD83D\uDE00 emoji", "日本語", "plain"};
        for (int i = 0; i < 20_000; i++) { // several times the first 64 KB buffer
            String v = values[i % values.length];
            rows.text(v).composed(rows.scratch().append(v).append('\t')).end();
            expected.append(v).append('\t').append(v).append("\\t\n");
        }
        byte[] want = expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(want);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CopyRows().text("a\uD83Db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CopyRows().text("a\uDE00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
    }

    @Test
    @DisplayName("instants and dates read back by hand as Instant.parse and LocalDate.parse read them")
    void instantsAndDatesReadBack() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-70_000_000_000L, 300_000_000_000L),
                    r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0);
            String s = "x" + t + "y";
            assertThat(CopyRows.parseInstant(s, 1, s.length() - 1)).as("seed %d", seed).isEqualTo(t);
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400));
            String ds = "ab" + d + ";";
            assertThat(CopyRows.parseDate(ds, 2, ds.length() - 1)).as("seed %d", seed).isEqualTo(d);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CopyRows.parseDate("2026-02-30", 0, 10))
                .isInstanceOf(java.time.DateTimeException.class);
    }
}
