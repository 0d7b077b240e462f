package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.LineExplanation.Change;
import com.marketplacebilling.billing.LineExplanation.CommerceFact;
import com.marketplacebilling.billing.LineExplanation.Direction;
import com.marketplacebilling.billing.LineExplanation.EventFact;
import com.marketplacebilling.billing.LineExplanation.Rule;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The stored form of a line's explanation (V20): every field back as it went in, and V14's columns converted. */
class ExplanationColumnsTest {
    private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
    private final InvoiceLine line = line("L-1", "INV-202611-0001", "sub-1", NOV_2);

    private static EventFact event(String id, FulfillmentAction action, String at, long sourceLine) {
        return new EventFact(id, action, Instant.parse(at), new SourceRef(NOV_2, SourceRef.FULFILLMENT_FILE, sourceLine));
    }

    private LineExplanation explanation(Rule rule, Direction direction, Change change, List<EventFact> events,
                                        String reverses, Instant updatedAt) {
        return new LineExplanation(line.lineId(), rule, direction, line.unitPrice(), line.quantity(), 28, 30,
                LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11), Rounding.LINE, new BigDecimal("28.2240000000"),
                change, new CommerceFact(new SourceRef(LocalDate.of(2026, 10, 30), SourceRef.COMMERCE_FILE, 1234567890123L),
                updatedAt), events, reverses, LocalDate.of(2026, 10, 31), NOV_2);
    }

    private List<LineExplanation> kinds() {
        List<EventFact> two = List.of(event("evt-1", FulfillmentAction.values()[0], "2026-10-12T07:30:00Z", 3),
                event("E_2-x", FulfillmentAction.values()[1], "0999-01-01T00:00:00.5Z", 1234567890123L));
        return List.of(
                explanation(Rule.R4_NEW, Direction.CHARGE, null, two, "", Instant.parse("2026-11-02T00:00:00Z")),
                explanation(Rule.R7_SEAT_CHANGE, Direction.CREDIT, new Change("pro", "pro", 10, 12), List.of(), "",
                        Instant.parse("2026-11-02T10:11:12.123456Z")),
                // plan ids are free text: the separator, the escape, tabs, line breaks and quotes must survive
                explanation(Rule.R8_PLAN_CHANGE, Direction.CHARGE, new Change("a|b\\c", "|\\|\t\n\r\"x\" €→", 3, 3),
                        List.of(), "", null),
                explanation(Rule.R10_REVERSAL, Direction.CREDIT, null, List.of(two.get(0)), "L-9f8e7d6c5b4a39281706",
                        Instant.parse("2026-11-01T23:59:59Z")),
                firstNight());
    }

    /** A first night's line: its cycle is its charge period, and its facts and due date are of the run's date. */
    private LineExplanation firstNight() {
        List<EventFact> events = new ArrayList<>();
        for (FulfillmentAction a : FulfillmentAction.values()) events.add(event("evt-" + a.ordinal(), a, "2026-11-01T08:00:00Z", 7));
        return new LineExplanation(line.lineId(), Rule.R4_NEW, Direction.CHARGE, line.unitPrice(), line.quantity(), 30,
                30, line.chargeStartDate(), line.chargeEndDate(), Rounding.UNIT, new BigDecimal("30.24"), null,
                new CommerceFact(new SourceRef(NOV_2, SourceRef.COMMERCE_FILE, 12), Instant.parse("2026-11-01T07:00:00Z")),
                events, "", NOV_2, NOV_2);
    }

    @Test
    @DisplayName("issue 11 (D51, D52): what the row or the event's own row holds is not stored again; the direction and actions are one character")
    void compact() {
        assertThat(ExplanationColumns.format(line, firstNight(), NOV_2)).isEqualTo("R4|+|30|30|||UNIT|30.24|||"
                + "|12|2026-11-01T07:00:00Z|evt-0 L  7;evt-1 A  7;evt-2 P  7;evt-3 Q  7;evt-4 S  7;evt-5 R  7;evt-6 U  7;"
                + "evt-7 N  7||||");
        // a catch-up line due on its charge start (every line of a first night after a gap): '^'
        LineExplanation late = catchUp();
        String stored = ExplanationColumns.format(line, late, NOV_2.plusDays(40));
        assertThat(stored).isEqualTo("R4|+|30|30|||UNIT|30.24|||2026-11-02|12|2026-11-01T07:00:00Z|evt-0 L 2026-11-02 7;"
                + "evt-1 A 2026-11-02 7;evt-2 P 2026-11-02 7;evt-3 Q 2026-11-02 7;evt-4 S 2026-11-02 7;evt-5 R 2026-11-02 7;"
                + "evt-6 U 2026-11-02 7;evt-7 N 2026-11-02 7||^||");
        assertThat(ExplanationColumns.parse(stored, line, NOV_2.plusDays(40))).isEqualTo(withoutEventTimes(late));
        // the form of D51 (events with their instant) reads back whole
        assertThat(ExplanationColumns.parse("R4|+|30|30|||UNIT|30.24|||"
                + "|12|2026-11-01T07:00:00Z|evt-0 L 2026-11-01T08:00:00Z  7;evt-1 A 2026-11-01T08:00:00Z  7;"
                + "evt-2 P 2026-11-01T08:00:00Z  7;evt-3 Q 2026-11-01T08:00:00Z  7;evt-4 S 2026-11-01T08:00:00Z  7;"
                + "evt-5 R 2026-11-01T08:00:00Z  7;evt-6 U 2026-11-01T08:00:00Z  7;evt-7 N 2026-11-01T08:00:00Z  7||||",
                line, NOV_2)).isEqualTo(firstNight());
        // the form before D51 (names, every date written) reads back as the same explanation
        assertThat(ExplanationColumns.parse("R4|CHARGE|30|30|2026-11-02|2026-12-01|UNIT|30.24|||2026-11-02|12"
                + "|2026-11-01T07:00:00Z|evt-0 LICENSES_ASSIGNED 2026-11-01T08:00:00Z 2026-11-02 7;evt-1 ACTIVATE"
                + " 2026-11-01T08:00:00Z 2026-11-02 7;evt-2 CHANGE_PLAN 2026-11-01T08:00:00Z 2026-11-02 7;evt-3"
                + " CHANGE_QUANTITY 2026-11-01T08:00:00Z 2026-11-02 7;evt-4 SUSPEND 2026-11-01T08:00:00Z 2026-11-02 7;"
                + "evt-5 REINSTATE 2026-11-01T08:00:00Z 2026-11-02 7;evt-6 UNSUBSCRIBE 2026-11-01T08:00:00Z 2026-11-02 7;"
                + "evt-7 RENEW 2026-11-01T08:00:00Z 2026-11-02 7||2026-11-02||", line, NOV_2)).isEqualTo(firstNight());
    }

    /** {@link #firstNight()} billed 40 days later: due on its charge start, its facts of NOV_2. */
    private LineExplanation catchUp() {
        LineExplanation e = firstNight();
        return new LineExplanation(e.lineId(), e.rule(), e.direction(), e.unitPrice(), e.quantity(), e.remainingDays(),
                e.cycleDays(), e.cycleStart(), e.cycleEnd(), e.rounding(), e.exactAmount(), e.change(), e.commerce(),
                e.events(), e.reversesLineId(), line.chargeStartDate(), NOV_2.plusDays(40));
    }

    /** What the stored form keeps of {@code e}: its events without their instants (D52). */
    static LineExplanation withoutEventTimes(LineExplanation e) {
        return e == null ? null : e.withEvents(e.events().stream()
                .map(f -> new EventFact(f.eventId(), f.action(), null, f.source())).toList());
    }

    @Test
    @DisplayName("issue 11: every field of an explanation reads back from its stored text, for each kind of line (an event's instant is its own row's)")
    void formatThenParse() {
        for (LineExplanation e : kinds()) {
            assertThat(ExplanationColumns.parse(ExplanationColumns.format(line, e, NOV_2), line, NOV_2))
                    .isEqualTo(withoutEventTimes(e));
        }
    }

    @Test
    @DisplayName("issue 11: through PostgreSQL's COPY and back, explanations are the ones stored; a line without one reads null")
    void throughTheLedger() {
        try (LedgerFixture f = new LedgerFixture()) {
            List<InvoiceLine> lines = new ArrayList<>();
            List<LineExplanation> explanations = new ArrayList<>();
            int i = 0;
            for (LineExplanation e : kinds()) {
                InvoiceLine l = line("L-" + i, "INV-202611-0001", "sub-" + i++, NOV_2);
                lines.add(l);
                explanations.add(withLine(e, l));
            }
            lines.add(line("L-none", "INV-202611-0002", "sub-none", NOV_2));
            explanations.add(null);
            f.outcomes.storeLines(lines, explanations, NOV_2);
            List<LineExplanation> read = new ArrayList<>();
            f.outputs.explainedLinesBilledOn(NOV_2, null, null, (l, e) -> read.add(e));
            assertThat(read).containsExactlyElementsOf(explanations.stream().map(ExplanationColumnsTest::withoutEventTimes)
                    .toList());
        }
    }

    @Test
    @DisplayName("issue 11 (V21): ANALYZE keeps no statistics of the explanation column, the line's other columns keep theirs")
    void noStatistics() {
        try (LedgerFixture f = new LedgerFixture()) {
            f.outcomes.storeLines(List.of(line), List.of(withLine(firstNight(), line)), NOV_2);
            f.jdbc.execute("ANALYZE invoice_line");
            assertThat(f.jdbc.queryForList("SELECT attname FROM pg_stats WHERE tablename = 'invoice_line'", String.class))
                    .contains("line_id", "billed_on", "invoice_number").doesNotContain("explanation");
        }
    }

    @Test
    @DisplayName("issue 11: V20 converts explanations stored in V14's columns to the same values; older lines keep none")
    void v14ColumnsConverted() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Flyway.configure().dataSource(db.url(), "postgres", "").target("16").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
            List<LineExplanation> expected = new ArrayList<>();
            int i = 0;
            for (LineExplanation e : kinds()) {
                InvoiceLine l = line("L-" + i, "INV-202611-0001", "sub-" + i++, NOV_2);
                LineExplanation withLine = withLine(e, l);
                expected.add(withLine);
                insertV14(jdbc, l, withLine);
            }
            insertV14(jdbc, line("L-old", "INV-202611-0002", "sub-old", NOV_2), null);
            expected.add(null);
            Flyway.configure().dataSource(db.url(), "postgres", "").load().migrate();
            List<LineExplanation> read = new ArrayList<>();
            new JdbcOutputQueries(jdbc).explainedLinesBilledOn(NOV_2, null, null, (l, e) -> read.add(e));
            assertThat(read).containsExactlyElementsOf(expected);
        }
    }

    private static LineExplanation withLine(LineExplanation e, InvoiceLine l) {
        return new LineExplanation(l.lineId(), e.rule(), e.direction(), l.unitPrice(), l.quantity(), e.remainingDays(),
                e.cycleDays(), e.cycleStart(), e.cycleEnd(), e.rounding(), e.exactAmount(), e.change(), e.commerce(),
                e.events(), e.reversesLineId(), e.dueOn(), e.billedOn());
    }

    /** A line as the code of V14 stored it: the line's columns, then the eighteen explanation columns. */
    private static void insertV14(JdbcTemplate jdbc, InvoiceLine l, LineExplanation e) {
        String events = null;
        if (e != null && !e.events().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (EventFact f : e.events()) {
                if (!b.isEmpty()) b.append(';');
                b.append(f.eventId()).append(' ').append(f.action().name()).append(' ').append(f.occurredAt())
                        .append(' ').append(f.source().businessDate()).append(' ').append(f.source().line());
            }
            events = b.toString();
        }
        Change c = e == null ? null : e.change();
        jdbc.update("INSERT INTO invoice_line (line_id, billed_on, invoice_number, customer_id, customer_name,"
                        + " customer_country, reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id,"
                        + " plan_id, subscription_id, subscription_description, charge_type, charge_start_date,"
                        + " charge_end_date, unit_price, effective_unit_price, quantity, subtotal, currency, term,"
                        + " billing_frequency, subscription_start_date, subscription_end_date, reference_id,"
                        + " explanation_rule, direction, remaining_days, cycle_days, cycle_start, cycle_end, rounding_mode,"
                        + " exact_amount, change_from_plan, change_to_plan, change_from_quantity, change_to_quantity,"
                        + " commerce_business_date, commerce_source_line, commerce_updated_at, fulfillment_sources,"
                        + " reverses_line_id, due_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                        + "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                l.lineId(), NOV_2, l.invoiceNumber(), l.customerId(), l.customerName(), l.customerCountry(),
                l.resellerMpnId(), l.orderId(), l.orderDate(), l.publisherId(), l.publisherName(), l.offerId(),
                l.planId(), l.subscriptionId(), l.subscriptionDescription(), l.chargeType().feedName(),
                l.chargeStartDate(), l.chargeEndDate(), l.unitPrice(), l.effectiveUnitPrice(), l.quantity(),
                l.subtotal(), l.currency(), l.term().name(), l.billingFrequency().feedName(),
                l.subscriptionStartDate(), l.subscriptionEndDate(), l.referenceId(),
                e == null ? null : e.rule().code(), e == null ? null : e.direction().name(),
                e == null ? null : e.remainingDays(), e == null ? null : e.cycleDays(),
                e == null ? null : e.cycleStart(), e == null ? null : e.cycleEnd(),
                e == null ? null : e.rounding().name(), e == null ? null : e.exactAmount(),
                c == null ? null : c.fromPlan(), c == null ? null : c.toPlan(),
                c == null ? null : c.fromQuantity(), c == null ? null : c.toQuantity(),
                e == null ? null : e.commerce().source().businessDate(), e == null ? null : e.commerce().source().line(),
                e == null || e.commerce().updatedAt() == null ? null
                        : java.time.OffsetDateTime.ofInstant(e.commerce().updatedAt(), java.time.ZoneOffset.UTC),
                events, e == null || e.reversesLineId().isEmpty() ? null : e.reversesLineId(),
                e == null ? null : e.dueOn());
    }
}
