package com.marketplacebilling.publish;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.SourceRef;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.marketplacebilling.publish.Fixtures.exception;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExceptionsCsvTest {
    static final String HEADER = "ExceptionId,BusinessDate,Severity,Code,SubscriptionId,CustomerId,SourceFile,"
            + "SourceLine,EventId,Message,Expected,Actual";

    @Test
    void exactBytes() {
        BillingException rowLevel = new BillingException("X-1", LocalDate.of(2026, 11, 24),
                ExceptionCode.MALFORMED_ROW, "", "", SourceRef.COMMERCE_FILE, 7, "",
                "field count 3, header has 21", "21", "3");
        BillingException notRowLevel = new BillingException("X-2", LocalDate.of(2026, 11, 24),
                ExceptionCode.QUANTITY_MISMATCH, "S-1", "C001", "", 0, "E-9",
                "quantity differs: \"commerce\", publisher", "-5", "=5");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExceptionsCsv csv = new ExceptionsCsv(out)) {
            csv.writeAll(List.of(rowLevel, notRowLevel).iterator());
            assertEquals(2, csv.rows());
        }
        String expected = HEADER + "\n"
                + "X-1,2026-11-24,ERROR,MALFORMED_ROW,,,subscriptions.csv,7,,\"field count 3, header has 21\",21,3\n"
                + "X-2,2026-11-24,WARNING,QUANTITY_MISMATCH,S-1,C001,,,E-9,"
                + "\"quantity differs: \"\"commerce\"\", publisher\",'-5,'=5\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertEquals(HEADER, ExceptionsCsv.HEADER);
    }

    @Test
    void refusesNegativeSourceLine() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionsCsv(new ByteArrayOutputStream())
                .write(exception("X", ExceptionCode.LATE_EVENT, "S", "f", -1)));
    }

    @Test
    void orderIsSeverityThenCodeThenSubscriptionFileLineAndId() {
        List<BillingException> expected = List.of(
                exception("e1", ExceptionCode.CONFLICTING_EVENT, "S-9", "z", 0), // ERROR, CONFLICTING < MALFORMED
                exception("e2", ExceptionCode.MALFORMED_ROW, "", "fulfillment-events.csv", 2),
                exception("e3", ExceptionCode.MALFORMED_ROW, "", "fulfillment-events.csv", 10), // numeric 2 < 10
                exception("e4", ExceptionCode.MALFORMED_ROW, "", "subscriptions.csv", 1),
                exception("e5", ExceptionCode.MALFORMED_ROW, "S-1", "fulfillment-events.csv", 1),
                exception("e6", ExceptionCode.UNKNOWN_SUBSCRIPTION, "S-1", "", 0),
                exception("a7", ExceptionCode.FULFILLMENT_FAILED, "S-1", "", 0), // WARNING after every ERROR
                exception("b7", ExceptionCode.FULFILLMENT_FAILED, "S-1", "", 0), // ExceptionId breaks the tie
                exception("e8", ExceptionCode.INVALID_CUSTOMER_COUNTRY, "S-1", "", 0),
                exception("e9", ExceptionCode.DUPLICATE_EVENT, "S-1", "", 0), // INFO last, despite its ordinal
                exception("e10", ExceptionCode.FEED_COLUMNS_IGNORED, "", "subscriptions.csv", 0));
        List<BillingException> shuffled = new ArrayList<>(expected);
        java.util.Collections.reverse(shuffled);
        java.util.Collections.swap(shuffled, 0, 5);
        shuffled.sort(ExceptionsCsv.ORDER);
        assertEquals(expected, shuffled);
    }
}
