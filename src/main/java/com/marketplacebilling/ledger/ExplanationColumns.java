package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.IsoText;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The explanation columns of invoice_line (V14): written after the line's own columns by the COPY, read after
 * them by position. The one place that orders them.
 */
final class ExplanationColumns {
    private ExplanationColumns() {}

    /** Read after {@link LedgerRows#LINE_COLUMNS}; billed_on last. */
    static final String COLUMNS = "explanation_rule, direction, remaining_days, cycle_days, cycle_start, cycle_end,"
            + " rounding_mode, exact_amount, change_from_plan, change_to_plan, change_from_quantity, change_to_quantity,"
            + " commerce_business_date, commerce_source_line, commerce_updated_at, fulfillment_sources,"
            + " reverses_line_id, due_on, billed_on";

    /** Appends the explanation columns to a COPY row of invoice_line, all NULL when {@code e} is null. */
    static void write(CopyRows rows, LineExplanation e) {
        if (e == null) {
            for (int i = 0; i < 18; i++) rows.text(null);
            return;
        }
        LineExplanation.Change c = e.change();
        rows.text(e.rule().code()).text(e.direction().name()).number(e.remainingDays()).number(e.cycleDays())
                .date(e.cycleStart()).date(e.cycleEnd()).text(e.rounding().name()).decimal(e.exactAmount())
                .text(c == null ? null : c.fromPlan()).text(c == null ? null : c.toPlan())
                .number(c == null ? null : c.fromQuantity()).number(c == null ? null : c.toQuantity())
                .date(e.commerce().source().businessDate()).number(e.commerce().source().line())
                .instant(e.commerce().updatedAt()).text(events(e.events()))
                .text(e.reversesLineId().isEmpty() ? null : e.reversesLineId()).date(e.dueOn());
    }

    private static String events(List<LineExplanation.EventFact> events) {
        if (events.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (LineExplanation.EventFact f : events) {
            if (!b.isEmpty()) b.append(';');
            // event ids are [A-Za-z0-9_-] (feed rule), so spaces and ';' cannot occur in them
            b.append(f.eventId()).append(' ').append(f.action().name()).append(' ');
            CopyRows.appendInstant(b, f.occurredAt()).append(' ').append(f.source().businessDate()).append(' ').append(f.source().line());
        }
        return b.toString();
    }

    /**
     * The explanation of {@code line} from the row, its columns starting at {@code at}; null for a line billed
     * before explanations were recorded.
     */
    static LineExplanation read(ResultSet rs, int at, InvoiceLine line) throws SQLException {
        String rule = rs.getString(at);
        if (rule == null) return null;
        String fromPlan = rs.getString(at + 8);
        LineExplanation.Change change = fromPlan == null ? null : new LineExplanation.Change(fromPlan,
                rs.getString(at + 9), rs.getInt(at + 10), rs.getInt(at + 11));
        SourceRef commerce = new SourceRef(date(rs, at + 12), SourceRef.COMMERCE_FILE, rs.getLong(at + 13));
        String reverses = rs.getString(at + 16);
        String direction = rs.getString(at + 1);
        return new LineExplanation(line.lineId(), LineExplanation.Rule.ofCode(rule),
                "CHARGE".equals(direction) ? LineExplanation.Direction.CHARGE : LineExplanation.Direction.valueOf(direction),
                line.unitPrice(), line.quantity(), rs.getInt(at + 2), rs.getInt(at + 3), date(rs, at + 4),
                date(rs, at + 5), Rounding.valueOf(rs.getString(at + 6)), rs.getBigDecimal(at + 7), change,
                new LineExplanation.CommerceFact(commerce, instant(rs, at + 14)), events(rs.getString(at + 15)),
                reverses == null ? "" : reverses, date(rs, at + 17), date(rs, at + 18));
    }

    /**
     * A date column from its text (the driver always has the server send ISO dates), by hand: the driver's own
     * parsing was a twentieth of a million-line publish. Other forms (BC, infinity) go to the driver.
     */
    static LocalDate date(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        if (s == null) return null;
        return s.length() == 10 ? IsoText.parseDate(s, 0, 10) : rs.getObject(column, LocalDate.class);
    }

    /** A timestamptz column; the plain "YYYY-MM-DD HH:MM:SS+00" of a UTC session by hand, the rest by the driver. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        if (s == null) return null;
        if (s.length() == 22 && s.charAt(10) == ' ' && s.endsWith("+00")) {
            Instant t = IsoText.parseInstant(s.substring(0, 10) + 'T' + s.substring(11, 19) + 'Z', 0, 20);
            if (t != null) return t;
        }
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The inverse of {@link #events(List)}, by hand (String.split and Instant.parse were most of reading a row). */
    static List<LineExplanation.EventFact> events(String s) {
        if (s == null) return List.of();
        List<LineExplanation.EventFact> out = new ArrayList<>(2);
        int start = 0;
        int n = s.length();
        while (start < n) {
            int end = s.indexOf(';', start);
            if (end < 0) end = n;
            int a = s.indexOf(' ', start);
            int b = s.indexOf(' ', a + 1);
            int c = s.indexOf(' ', b + 1);
            int d = s.indexOf(' ', c + 1);
            if (a < 0 || b < 0 || c < 0 || d < 0 || d >= end) {
                throw new IllegalArgumentException("stored fulfillment sources not understood: " + s);
            }
            out.add(new LineExplanation.EventFact(s.substring(start, a), FulfillmentAction.valueOf(s.substring(a + 1, b)),
                    IsoText.parseInstant(s, b + 1, c), new SourceRef(IsoText.parseDate(s, c + 1, d),
                    SourceRef.FULFILLMENT_FILE, Long.parseLong(s, d + 1, end, 10))));
            start = end + 1;
        }
        return out;
    }
}
