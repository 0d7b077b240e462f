package com.marketplacebilling.publish;

import static com.marketplacebilling.publish.Fixtures.eurCredit;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** line-explanations.csv (issue 11): fixed columns, one row per line, the finance sentence in Text. */
class LineExplanationsCsvTest {

    /** The explanation of Fixtures.eurCredit: R7, 1 seat of 4.00 for 23 of 30 days, rounding line. */
    static LineExplanation creditExplanation() {
        return new LineExplanation("L-credit-1", LineExplanation.Rule.R7_SEAT_CHANGE, LineExplanation.Direction.CREDIT,
                new BigDecimal("4.00"), 1, 23, 30, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), Rounding.LINE,
                LineExplanation.exact(new BigDecimal("4.00"), 1, 23, 30), new LineExplanation.Change("pro", "pro", 2, 1),
                new LineExplanation.CommerceFact(new SourceRef(LocalDate.of(2026, 11, 8), SourceRef.COMMERCE_FILE, 14),
                        Instant.parse("2026-11-08T10:00:00Z")),
                List.of(new LineExplanation.EventFact("evt-9", FulfillmentAction.CHANGE_QUANTITY,
                        Instant.parse("2026-11-08T10:01:00Z"), new SourceRef(LocalDate.of(2026, 11, 8),
                        SourceRef.FULFILLMENT_FILE, 3))), "", LocalDate.of(2026, 11, 8), LocalDate.of(2026, 11, 9));
    }

    private static String write(InvoiceLine line, LineExplanation e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LineExplanationsCsv csv = new LineExplanationsCsv(out)) {
            csv.write(line, e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the header and a seat-change credit: inputs, sources, catch-up, and the sentence with its truncation")
    void creditRow() {
        assertThat(LineExplanation.mismatch(eurCredit(), creditExplanation())).isNull();
        assertThat(write(eurCredit(), creditExplanation())).isEqualTo(
                "LineId,Rule,ChargeType,Direction,UnitPrice,Quantity,RemainingDays,CycleDays,CycleStart,CycleEnd,"
                        + "RoundingMode,ExactAmount,EffectiveUnitPrice,Subtotal,CommerceSource,FulfillmentSources,"
                        + "ReversesLineId,DueOn,Text\n"
                        + "L-credit-1,R7,removeQuantity,credit,4.00,1,23,30,2026-11-01,2026-11-30,line,3.0666666666,"
                        + "-3.066666,-3.06,2026-11-08/subscriptions.csv:14 updated_at 2026-11-08T10:00:00Z,"
                        + "evt-9 ChangeQuantity 2026-11-08/fulfillment-events.csv:3,,2026-11-08,"
                        + "\"Seat change 2 → 1 on 2026-11-08 (subscriptions.csv of 2026-11-08, line 14): credit 1 seat"
                        + " × 4.00 × 23/30 = 3.0666666666…, truncated to −3.06 (rounding line); due on 2026-11-08,"
                        + " billed by the run of 2026-11-09 (catch-up)\"\n");
    }

    @Test
    @DisplayName("a line billed before explanations were stored: its amounts, blanks, and \"explanation not recorded\"")
    void notRecorded() {
        assertThat(write(eurCredit(), null).lines().skip(1).findFirst().orElseThrow()).isEqualTo(
                "L-credit-1,,removeQuantity,,4.00,1,,,,,,,-3.066666,-3.06,,,,,explanation not recorded");
    }

    @Test
    @DisplayName("the issue's example sentence: R7 in unit mode, 10 → 12 seats, 28 of 30 days")
    void issueExample() {
        InvoiceLine credit = Fixtures.with(Fixtures.with(Fixtures.with(Fixtures.with(eurCredit(), 17,
                new BigDecimal("10.08")), 18, new BigDecimal("-9.400000")), 19, 10), 20, new BigDecimal("-94.00"));
        LineExplanation e = new LineExplanation("L-credit-1", LineExplanation.Rule.R7_SEAT_CHANGE,
                LineExplanation.Direction.CREDIT, new BigDecimal("10.08"), 10, 28, 30, LocalDate.of(2021, 5, 23),
                LocalDate.of(2021, 7, 17), Rounding.UNIT, LineExplanation.exact(new BigDecimal("10.08"), 10, 28, 30),
                new LineExplanation.Change("pro", "pro", 10, 12), new LineExplanation.CommerceFact(
                        new SourceRef(LocalDate.of(2021, 6, 20), SourceRef.COMMERCE_FILE, 14),
                        Instant.parse("2021-06-20T10:00:00Z")), List.of(), "", LocalDate.of(2021, 6, 20),
                LocalDate.of(2021, 6, 20));
        assertThat(LineExplanation.mismatch(credit, e)).isNull();
        assertThat(com.marketplacebilling.explain.ExplanationText.sentence(credit, e)).isEqualTo(
                "Seat change 10 → 12 on 2021-06-20 (subscriptions.csv of 2021-06-20, line 14): credit 10 seats × 10.08"
                        + " × 28/30 = 94.08, truncated per unit to 9.40 → −94.00 (rounding unit)");
    }
}
