package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static com.marketplacebilling.publish.Fixtures.eurCredit;
import static com.marketplacebilling.publish.Fixtures.jpyCharge;
import static com.marketplacebilling.publish.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MonthCloseCsvTest {
    static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void exactBytesWithGuardAndCurrencyDigits() {
        InvoiceSummary eur = new InvoiceSummary("INV-202611-C001-EUR", "C001", "=cmd|' /C calc'!A0", "EUR", NOV, 3,
                new BigDecimal("100.5"), new BigDecimal("-20"), new BigDecimal("80.5"));
        InvoiceSummary jpy = new InvoiceSummary("INV-202611-C002-JPY", "C002", "Sample, K.K.", "JPY", NOV, 1,
                BigDecimal.ZERO, new BigDecimal("-500"), new BigDecimal("-500"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MonthCloseCsv csv = new MonthCloseCsv(out)) {
            csv.write(eur);
            csv.write(jpy);
            assertEquals(2, csv.rows());
        }
        String expected = "InvoiceNumber,CustomerId,CustomerName,Currency,BillingMonth,LineCount,Charges,Credits,Total\n"
                + "INV-202611-C001-EUR,C001,'=cmd|' /C calc'!A0,EUR,2026-11,3,100.50,-20.00,80.50\n"
                + "INV-202611-C002-JPY,C002,\"Sample, K.K.\",JPY,2026-11,1,0,-500,-500\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertEquals("invoices/2026-11", MonthCloseCsv.folderName(NOV));
    }

    @Test
    void summaryChecksItsTotalAndScale() {
        assertThrows(IllegalArgumentException.class, () -> new InvoiceSummary("I", "C", "N", "EUR", NOV, 1,
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN));
        assertThrows(ArithmeticException.class, () -> new InvoiceSummary("I", "C", "N", "JPY", NOV, 1,
                new BigDecimal("1.5"), BigDecimal.ZERO, new BigDecimal("1.5")));
    }

    @Test
    void builderSumsLinesOfOneInvoice() {
        var credit = eurCredit();                                           // -3.06
        var charge = with(with(eurCredit(), "lineId", "L-9"), "subtotal", new BigDecimal("12.5"));
        InvoiceSummary s = new InvoiceSummary.Builder(credit.invoiceNumber(), NOV).add(credit).add(charge).build();
        assertEquals(new InvoiceSummary("INV-202611-C001-EUR", "C001", "Contoso GmbH", "EUR", NOV, 2,
                new BigDecimal("12.50"), new BigDecimal("-3.06"), new BigDecimal("9.44")), s);
        assertThrows(IllegalArgumentException.class,
                () -> new InvoiceSummary.Builder(credit.invoiceNumber(), NOV).add(jpyCharge()));
        assertThrows(IllegalStateException.class, () -> new InvoiceSummary.Builder("I", NOV).build());
    }

    @Test
    void orderIsByInvoiceNumberBinary() {
        InvoiceSummary a = new InvoiceSummary("INV-B", "C", "N", "EUR", NOV, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
        InvoiceSummary b = new InvoiceSummary("INV-a", "C", "N", "EUR", NOV, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
        List<InvoiceSummary> list = new ArrayList<>(List.of(b, a));
        list.sort(MonthCloseCsv.ORDER);
        assertEquals(List.of(a, b), list);
        assertEquals(LocalDate.of(2026, 11, 1), NOV.atDay(1));
    }
}
