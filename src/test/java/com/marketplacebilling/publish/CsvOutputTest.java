package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvOutputTest {
    @Test
    void textIsGuardedAndQuotedNumbersAndDatesAreNot() {
        StringWriter w = new StringWriter();
        try (CsvOutput csv = new CsvOutput(w)) {
            csv.header("a", "b", "c", "d", "e");
            csv.text("=1+2").number("-94.00").number(new BigDecimal("-1E+2")).date(LocalDate.of(2026, 1, 2))
                    .month(YearMonth.of(2026, 11)).endRow();
            csv.text("x\"y").blank().number(-5).text("line\nbreak").text("@home").endRow();
            assertEquals(2, csv.rows());
        }
        assertEquals("a,b,c,d,e\n'=1+2,-94.00,-100,2026-01-02,2026-11\n\"x\"\"y\",,-5,\"line\nbreak\",'@home\n",
                w.toString());
    }

    @Test
    void guardAndEscape() {
        assertEquals("'=SUM(A1)", CsvOutput.guard("=SUM(A1)"));
        assertEquals("'-x", CsvOutput.guard("-x"));
        assertEquals("'+x", CsvOutput.guard("+x"));
        assertEquals("'@x", CsvOutput.guard("@x"));
        assertEquals("'\tx", CsvOutput.guard("\tx"));
        assertEquals("'\rx", CsvOutput.guard("\rx"));
        assertEquals("x=", CsvOutput.guard("x="));
        assertEquals(" =x", CsvOutput.guard(" =x"));
        assertEquals("", CsvOutput.guard(""));
        assertEquals("plain", CsvOutput.escape("plain"));
        assertEquals("\"a,b\"", CsvOutput.escape("a,b"));
        assertEquals("\"\"\"\"", CsvOutput.escape("\""));
        assertEquals("\"\r\"", CsvOutput.escape("\r"));
        assertEquals("tab\tok", CsvOutput.escape("tab\tok"));
    }

    @Test
    void numberCellsRefuseAnythingButPlainDecimals() {
        CsvOutput csv = new CsvOutput(new StringWriter());
        for (String bad : new String[] {"=1", "1e5", "1,5", "+1", " 1", "1.", ".5", "abc", "-", "1E+2"}) {
            assertThrows(IllegalArgumentException.class, () -> csv.number(bad), bad);
        }
        csv.number("0").number("-0.50").number("123").number("").endRow();
    }

    @Test
    void rowWidthIsEnforced() {
        CsvOutput csv = new CsvOutput(new StringWriter());
        csv.header("a", "b");
        csv.text("1");
        assertThrows(IllegalStateException.class, csv::endRow);

        CsvOutput csv2 = new CsvOutput(new StringWriter());
        csv2.header("a");
        csv2.text("1");
        assertThrows(IllegalStateException.class, () -> csv2.text("2"));

        CsvOutput csv3 = new CsvOutput(new StringWriter());
        csv3.text("x").endRow();
        assertThrows(IllegalStateException.class, () -> csv3.header("a"));
        assertThrows(NullPointerException.class, () -> csv3.text(null));
    }

    @Test
    void utf8WithoutBomAndUnpairedSurrogatesFail() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvOutput csv = CsvOutput.utf8(out)) {
            csv.text("é€\uD83D\uDE00").endRow();
        }
        assertArrayEquals("é€\uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertEquals((byte) 0xC3, out.toByteArray()[0]);

        CsvOutput bad = CsvOutput.utf8(new ByteArrayOutputStream());
        assertThrows(UncheckedIOException.class, () -> {
            bad.text("x\uD800y").endRow();
            bad.close();
        });
    }

    @Test
    void utf8BytesAreTheJdkEncodersForAnyText() throws java.io.IOException {
        long seed = System.nanoTime();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        char[] alphabet = {'a', 'Z', '0', ',', '"', '\n', 'é', '×', '→', '−', '€', '\u07FF', '\u0800', '\uFFFF'};
        for (int round = 0; round < 200; round++) {
            StringBuilder all = new StringBuilder();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Utf8Writer w = new Utf8Writer(out, 8 + r.nextInt(64))) { // small buffers: every boundary
                for (int k = r.nextInt(50); k > 0; k--) {
                    StringBuilder s = new StringBuilder();
                    for (int i = r.nextInt(40); i > 0; i--) {
                        if (r.nextInt(10) == 0) s.append("\uD83D\uDE00");
                        else s.append(alphabet[r.nextInt(alphabet.length)]);
                    }
                    w.write(s.toString());
                    all.append(s);
                }
            }
            assertArrayEquals(all.toString().getBytes(StandardCharsets.UTF_8), out.toByteArray(), "seed " + seed);
        }
        for (String bad : new String[] {"\uDE00", "x\uD83Dy", "\uD83D\uD83D"}) {
            assertThrows(java.nio.charset.MalformedInputException.class,
                    () -> new Utf8Writer(new ByteArrayOutputStream(), 16).write(bad), bad);
        }
        Utf8Writer open = new Utf8Writer(new ByteArrayOutputStream(), 16);
        open.write("x\uD83D");
        assertThrows(java.nio.charset.MalformedInputException.class, open::close, "a high surrogate left at the end");
    }

    @Test
    void aComposedCellIsWrittenAsTheSameTextCell() throws java.io.IOException {
        long seed = System.nanoTime();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        char[] alphabet = {'a', '0', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', '\'', 'é', '×', '→', '−', '…'};
        StringBuilder reused = new StringBuilder();
        ByteArrayOutputStream asText = new ByteArrayOutputStream();
        ByteArrayOutputStream asComposed = new ByteArrayOutputStream();
        try (CsvOutput text = CsvOutput.utf8(asText); CsvOutput composed = CsvOutput.utf8(asComposed)) {
            for (int row = 0; row < 2_000; row++) {
                for (int cell = 0; cell < 3; cell++) {
                    reused.setLength(0);
                    for (int i = r.nextInt(row % 500 == 0 ? 40_000 : row % 50 == 0 ? 2_000 : 40); i > 0; i--) {
                        if (r.nextInt(100) == 0) reused.append("\uD83D\uDE00"); // a pair: the general path
                        else reused.append(alphabet[r.nextInt(alphabet.length)]);
                    }
                    text.text(reused.toString());
                    composed.composed(reused);
                }
                text.endRow();
                composed.endRow();
            }
        }
        assertArrayEquals(asText.toByteArray(), asComposed.toByteArray(), "seed " + seed);
        assertThrows(NullPointerException.class, () -> new CsvOutput(new StringWriter()).composed(null));
    }

    @Test
    void plainDecimalByHandIsThePattern() {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
        String[] parts = {"", "-", "0", "12", ".", "5", "-.", "+", "e", "1.", ".0", "-0"};
        for (String a : parts) for (String b : parts) for (String c : parts) {
            String v = a + b + c;
            if (!v.isEmpty()) assertEquals(p.matcher(v).matches(), CsvOutput.plainDecimal(v), v);
        }
    }
}
