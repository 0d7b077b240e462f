package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManifestJsonTest {
    static Manifest sample(List<Manifest.CurrencyTotal> currencies) {
        return new Manifest(LocalDate.of(2026, 11, 24), 42L, 2, "2026.1", "unit",
                Instant.parse("2026-11-25T01:00:00Z"), Instant.parse("2026-11-25T01:02:03.456Z"),
                List.of(new Manifest.InputFile("subscriptions.csv", "aa", 10, 8, 2),
                        new Manifest.InputFile("fulfillment-events.csv", "bb", 0, 0, 0)),
                List.of(new Manifest.OutputFile("invoice-lines.csv", "cc", 5),
                        new Manifest.OutputFile("exceptions.csv", "dd", 2)),
                currencies);
    }

    static final Manifest.CurrencyTotal USD = new Manifest.CurrencyTotal("USD", 1, new BigDecimal("10"),
            BigDecimal.ZERO, new BigDecimal("10"));
    static final Manifest.CurrencyTotal EUR = new Manifest.CurrencyTotal("EUR", 3, new BigDecimal("100.5"),
            new BigDecimal("-20"), new BigDecimal("80.50"));
    static final Manifest.CurrencyTotal JPY = new Manifest.CurrencyTotal("JPY", 2, new BigDecimal("12000"),
            new BigDecimal("-500"), new BigDecimal("11500"));

    @Test
    void exactPrettyJsonWithCurrenciesSorted() {
        String expected = """
                {
                  "businessDate": "2026-11-24",
                  "jobExecutionId": 42,
                  "attempt": 2,
                  "rulesVersion": "2026.1",
                  "rounding": "unit",
                  "startedAt": "2026-11-25T01:00:00Z",
                  "finishedAt": "2026-11-25T01:02:03.456Z",
                  "inputs": [
                    {
                      "name": "subscriptions.csv",
                      "sha256": "aa",
                      "rows": 10,
                      "accepted": 8,
                      "rejected": 2
                    },
                    {
                      "name": "fulfillment-events.csv",
                      "sha256": "bb",
                      "rows": 0,
                      "accepted": 0,
                      "rejected": 0
                    }
                  ],
                  "outputs": [
                    {
                      "name": "invoice-lines.csv",
                      "sha256": "cc",
                      "rows": 5
                    },
                    {
                      "name": "exceptions.csv",
                      "sha256": "dd",
                      "rows": 2
                    }
                  ],
                  "currencies": [
                    {
                      "currency": "EUR",
                      "lines": 3,
                      "charges": 100.50,
                      "credits": -20.00,
                      "net": 80.50
                    },
                    {
                      "currency": "JPY",
                      "lines": 2,
                      "charges": 12000,
                      "credits": -500,
                      "net": 11500
                    },
                    {
                      "currency": "USD",
                      "lines": 1,
                      "charges": 10.00,
                      "credits": 0.00,
                      "net": 10.00
                    }
                  ]
                }
                """;
        assertEquals(expected, ManifestJson.toJson(sample(List.of(USD, JPY, EUR))));
    }

    @Test
    void deterministicBytesWhateverTheInputOrderOfCurrencies() {
        byte[] a = ManifestJson.toBytes(sample(List.of(USD, JPY, EUR)));
        byte[] b = ManifestJson.toBytes(sample(List.of(EUR, USD, JPY)));
        assertArrayEquals(a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestJson.write(sample(List.of(JPY, EUR, USD)), out);
        assertArrayEquals(a, out.toByteArray());
        assertEquals('{', a[0], "no byte-order mark");
    }

    @Test
    void emptyListsAreWrittenCompactly() {
        Manifest m = new Manifest(LocalDate.of(2026, 11, 24), 1, 1, "r", "line",
                Instant.EPOCH, Instant.EPOCH, List.of(), List.of(), List.of());
        String json = ManifestJson.toJson(m);
        assertEquals("""
                {
                  "businessDate": "2026-11-24",
                  "jobExecutionId": 1,
                  "attempt": 1,
                  "rulesVersion": "r",
                  "rounding": "line",
                  "startedAt": "1970-01-01T00:00:00Z",
                  "finishedAt": "1970-01-01T00:00:00Z",
                  "inputs": [],
                  "outputs": [],
                  "currencies": []
                }
                """, json);
    }

    @Test
    void stringsAreEscapedPerRfc8259() {
        assertEquals("\"a\\\"b\\\\c\"", ManifestJson.str("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\"", ManifestJson.str("\n\r\t\b\f\u0001\u001f\u007f"));
        assertEquals("\"/é€\uD83D\uDE00\"", ManifestJson.str("/é€\uD83D\uDE00"));
        assertEquals("\"\\u2028\\u2029\"", ManifestJson.str("\u2028\u2029"));
        assertEquals("\"x\\ud800y\\udc00\"", ManifestJson.str("x\uD800y\uDC00"), "unpaired surrogates escaped");

        Manifest m = new Manifest(LocalDate.of(2026, 11, 24), 1, 1, "v\"1\"\n", "unit", Instant.EPOCH,
                Instant.EPOCH, List.of(new Manifest.InputFile("we\\ird\u0000.csv", "x", 1, 1, 0)), List.of(),
                List.of());
        String json = ManifestJson.toJson(m);
        assertEquals(true, json.contains("\"rulesVersion\": \"v\\\"1\\\"\\n\","), json);
        assertEquals(true, json.contains("\"name\": \"we\\\\ird\\u0000.csv\","), json);
        byte[] bytes = ManifestJson.toBytes(m);
        assertEquals(json, new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void inputRowsMustBeAccountedFor() {
        assertThrows(IllegalArgumentException.class, () -> new Manifest.InputFile("f", "x", 10, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> sample(List.of(EUR, EUR)));
    }
}
