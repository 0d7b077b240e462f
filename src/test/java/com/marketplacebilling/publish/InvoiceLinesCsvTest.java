package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static com.marketplacebilling.publish.Fixtures.EUR_CREDIT_ROW;
import static com.marketplacebilling.publish.Fixtures.JPY_CHARGE_ROW;
import static com.marketplacebilling.publish.Fixtures.eurCredit;
import static com.marketplacebilling.publish.Fixtures.invoiceLinesCsv;
import static com.marketplacebilling.publish.Fixtures.jpyCharge;
import static com.marketplacebilling.publish.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvoiceLinesCsvTest {
    static final String HEADER = "InvoiceNumber,LineId,CustomerId,CustomerName,CustomerCountry,ResellerMpnId,OrderId,"
            + "OrderDate,PublisherId,PublisherName,OfferId,PlanId,SubscriptionId,SubscriptionDescription,ChargeType,"
            + "ChargeStartDate,ChargeEndDate,UnitPrice,EffectiveUnitPrice,Quantity,Subtotal,Currency,Term,"
            + "BillingFrequency,SubscriptionStartDate,SubscriptionEndDate,ReferenceId";

    /**
     * Free-text columns by record component (every column that is not a number or a date). Currency is text too,
     * but it must be an ISO 4217 code (the Subtotal's digits depend on it), so it cannot hold a formula; the enum
     * columns (ChargeType, Term, BillingFrequency) cannot either.
     */
    static final Set<String> TEXT = Set.of("invoiceNumber", "lineId", "customerId", "customerName", "customerCountry",
            "resellerMpnId", "orderId", "publisherId", "publisherName", "offerId", "planId", "subscriptionId",
            "subscriptionDescription", "referenceId");

    @Test
    void exactBytesOfACreditAndACharge() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InvoiceLinesCsv csv = new InvoiceLinesCsv(out)) {
            csv.write(eurCredit());
            csv.write(jpyCharge());
            assertEquals(2, csv.rows());
        }
        String expected = HEADER + "\n" + EUR_CREDIT_ROW + "\n" + JPY_CHARGE_ROW + "\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertEquals(HEADER, InvoiceLinesCsv.HEADER);
        byte[] b = out.toByteArray();
        assertEquals('I', b[0], "no byte-order mark");
        for (byte x : b) {
            assertTrue(x != '\r', "LF line ends only");
        }
    }

    @Test
    void headerOnlyWhenThereAreNoLines() {
        assertEquals(HEADER + "\n", invoiceLinesCsv());
    }

    @Test
    void formulaGuardOnEveryTextColumnButNeverOnNumbersOrDates() {
        RecordComponent[] components = InvoiceLine.class.getRecordComponents();
        assertEquals(27, components.length);
        String[] baseCells = EUR_CREDIT_ROW.split(",", -1);
        int guarded = 0;
        for (int i = 0; i < components.length; i++) {
            if (!TEXT.contains(components[i].getName())) continue;
            for (String[] c : new String[][] {
                    {"=SUM(A1)", "'=SUM(A1)"}, {"-x", "'-x"}, {"+x", "'+x"}, {"@x", "'@x"},
                    {"\tx", "'\tx"}, {"\rx", "\"'\rx\""}, {"a=b", "a=b"}, {"", ""}}) {
                String csv = invoiceLinesCsv(with(eurCredit(), i, c[0]));
                String[] expected = baseCells.clone();
                expected[i] = c[1];
                assertEquals(HEADER + "\n" + String.join(",", expected) + "\n", csv,
                        components[i].getName() + " <- " + c[0]);
                guarded++;
            }
        }
        assertEquals(14 * 8, guarded);
        assertThrows(IllegalArgumentException.class, () -> invoiceLinesCsv(with(eurCredit(), "currency", "=EUR")));
        // The negative numbers of the credit are unchanged: no quote before -3.066666 or -3.06.
        String csv = invoiceLinesCsv(eurCredit());
        assertTrue(csv.contains(",4.00,-3.066666,1,-3.06,EUR,"), csv);
        assertFalse(csv.contains("'"), csv);
    }

    @Test
    void enumColumnsUseTheFeedNames() {
        String[] cells = invoiceLinesCsv(jpyCharge()).split("\n")[1].split(",", -1);
        assertEquals("new", cells[14]);
        assertEquals("P1Y", cells[22]);
        assertEquals("annual", cells[23]);
    }

    @Test
    void quotingOfCommasQuotesAndLineBreaks() {
        InvoiceLine line = with(eurCredit(), "customerName", "Contoso, \"Ltd\"\nBranch\r\nEast");
        line = with(line, "subscriptionDescription", "-a,b");
        String csv = invoiceLinesCsv(line);
        String expectedRow = EUR_CREDIT_ROW
                .replace("Contoso GmbH", "\"Contoso, \"\"Ltd\"\"\nBranch\r\nEast\"")
                .replace("Fabrikam CRM Pro", "\"'-a,b\"");
        assertEquals(HEADER + "\n" + expectedRow + "\n", csv);
    }

    @Test
    void numbersArePlainWithTheRequiredScale() {
        InvoiceLine line = with(eurCredit(), "unitPrice", new BigDecimal("1E+3"));
        line = with(line, "effectiveUnitPrice", new BigDecimal("-5E+1"));
        line = with(line, "subtotal", new BigDecimal("-5E+1"));
        line = with(line, "quantity", 1234567);
        String row = invoiceLinesCsv(line).split("\n")[1];
        assertTrue(row.contains(",1000,-50.000000,1234567,-50.00,EUR,"), row);

        // UnitPrice keeps the feed's scale.
        row = invoiceLinesCsv(with(eurCredit(), "unitPrice", new BigDecimal("10.123456"))).split("\n")[1];
        assertTrue(row.contains(",10.123456,-3.066666,"), row);
        row = invoiceLinesCsv(with(eurCredit(), "unitPrice", new BigDecimal("10.5"))).split("\n")[1];
        assertTrue(row.contains(",10.5,-3.066666,"), row);
    }

    @Test
    void refusesValuesThatWouldNeedRounding() {
        assertThrows(IllegalArgumentException.class,
                () -> invoiceLinesCsv(with(eurCredit(), "unitPrice", new BigDecimal("1.0000001"))));
        assertThrows(ArithmeticException.class,
                () -> invoiceLinesCsv(with(eurCredit(), "effectiveUnitPrice", new BigDecimal("-1.0000001"))));
        assertThrows(ArithmeticException.class,
                () -> invoiceLinesCsv(with(eurCredit(), "subtotal", new BigDecimal("-3.065"))));
        assertThrows(ArithmeticException.class,
                () -> invoiceLinesCsv(with(jpyCharge(), "subtotal", new BigDecimal("12000.5"))));
        assertThrows(NullPointerException.class,
                () -> invoiceLinesCsv(with(eurCredit(), "referenceId", null)));
    }

    @Test
    void comparatorFollowsTheContractOrder() {
        InvoiceLine base = eurCredit();
        InvoiceLine a = base;
        InvoiceLine b = with(base, "lineId", "L-credit-2");
        InvoiceLine c = with(base, "chargeStartDate", LocalDate.of(2026, 11, 9));
        InvoiceLine d = with(base, "orderDate", LocalDate.of(2026, 11, 9));
        InvoiceLine e = with(with(base, "subscriptionId", "S-2"), "orderDate", LocalDate.of(2026, 11, 1));
        InvoiceLine f = with(with(base, "invoiceNumber", "INV-202611-C001-USD"), "subscriptionId", "S-0");
        List<InvoiceLine> expected = List.of(a, b, c, d, e, f);
        List<InvoiceLine> shuffled = new ArrayList<>(List.of(f, d, b, e, a, c));
        shuffled.sort(InvoiceLinesCsv.ORDER);
        assertEquals(expected, shuffled);
    }

    @Test
    void textIsComparedByCodePointNotUtf16() {
        String bmpMax = "INV-\uFFFF";
        String supplementary = "INV-\uD83D\uDE00"; // U+1F600
        // UTF-16 order would put the surrogate pair first; code point order puts U+FFFF first.
        assertTrue(bmpMax.compareTo(supplementary) > 0, "premise: String.compareTo is UTF-16 order");
        assertTrue(TextOrder.compare(bmpMax, supplementary) < 0);
        assertTrue(TextOrder.compare(supplementary, bmpMax) > 0);

        InvoiceLine x = with(eurCredit(), "invoiceNumber", supplementary);
        InvoiceLine y = with(eurCredit(), "invoiceNumber", bmpMax);
        List<InvoiceLine> lines = new ArrayList<>(List.of(x, y));
        lines.sort(InvoiceLinesCsv.ORDER);
        assertEquals(List.of(y, x), lines);

        // The same order as the UTF-8 bytes (what a "C" collation gives).
        List<String> words = new ArrayList<>(List.of("b", "a", "ab", "", "\uFFFF", "\uD83D\uDE00", "\uE000",
                "Z", "é", "\uD800\uDC00", "a\uD83D\uDE00", "a\uFFFF"));
        List<String> byUtf8 = new ArrayList<>(words);
        byUtf8.sort((p, q) -> Arrays.compareUnsigned(p.getBytes(StandardCharsets.UTF_8),
                q.getBytes(StandardCharsets.UTF_8)));
        words.sort(TextOrder.CODE_POINT);
        assertEquals(byUtf8, words);
        assertEquals(0, TextOrder.compare("abc", "abc"));
        assertTrue(TextOrder.compare("ab", "abc") < 0);
        assertTrue(TextOrder.compare("B", "a") < 0, "binary, not case-insensitive collation");
    }
}
