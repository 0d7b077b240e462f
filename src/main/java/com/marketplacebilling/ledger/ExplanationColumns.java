package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.IsoText;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A line's explanation as the ledger stores it (V20, D48): one text column of invoice_line, written after the line's
 * own columns by the COPY and read after them by position. One column instead of eighteen typed ones: PostgreSQL
 * then parses and prints one value per line instead of eighteen dates, numbers and timestamps, which was most of
 * what explanations added to the bill and publish steps. The one place that knows the format:
 *
 * <pre>rule|direction|remainingDays|cycleDays|cycleStart|cycleEnd|rounding|exactAmount|fromQuantity|toQuantity|
 * commerceDate|commerceLine|commerceUpdatedAt|fulfillmentSources|reversesLineId|dueOn|fromPlan|toPlan</pre>
 *
 * Numbers in plain notation, ISO dates and instants, the rounding by its enum name; an empty field for what a rule
 * does not have (the change's fields for all but R7/R8, the reversed line for all but R10). The fulfillment sources
 * are {@code "event_id action occurred_at business_date line"} per event (until D52, below), {@code ';'} between (event ids are
 * {@code [A-Za-z0-9_-]}). Plan ids are free text, so they come last, with {@code '\'} and {@code '|'} escaped by a
 * backslash. V20 converted the rows stored before in the same format.
 *
 * <p>Compact since D51, because a million of these is a quarter of a first night's ledger writes: the direction is
 * {@code +} or {@code -}, an event's action one letter ({@link #ACTION_CODES}), and a date equal to what the row
 * already holds is left empty: the cycle's start and end when they are the line's charge period, the commerce
 * fact's and an event's business date and the due date when they are the run's date (billed_on). Text stored
 * before (the direction and actions by name, every date written) reads back the same.
 *
 * <p>Since D52 an event is stored as {@code "event_id action business_date line"}, without its occurred_at: the
 * event's own row (fulfillment_event, keyed by subscription, business date and line) holds it, and only
 * {@code bin/billing explain} shows it ({@link ExplanationStore} reads it from there). A due date equal to the
 * line's charge start (a first night's catch-up lines) is stored as {@code ^}. Events stored with their instant
 * (four spaces instead of three) read back with it.
 */
final class ExplanationColumns {
    private ExplanationColumns() {}

    /** Read after {@link LedgerRows#LINE_COLUMNS}; billed_on last. */
    static final String COLUMNS = "explanation, billed_on";

    private static final int FIXED_FIELDS = 16;

    /**
     * The stored remainingDays, cycleDays and rounding as SQL expressions (NULL for a line without an explanation),
     * for the queries that need only these (reconciliation, the Microsoft file generator). Fields before the plan
     * ids hold no '|', so {@code split_part} finds them. {@code table} prefixes the column, e.g. {@code "l."}.
     */
    static String remainingDaysSql(String table) { return "split_part(" + table + "explanation, '|', 3)::int"; }

    static String cycleDaysSql(String table) { return "split_part(" + table + "explanation, '|', 4)::int"; }

    static String roundingSql(String table) { return "split_part(" + table + "explanation, '|', 7)"; }

    /**
     * One letter per fulfillment action, by ordinal (stored: append only). Names stored before D51 read too.
     */
    static final String ACTION_CODES = "LAPQSRUN";

    static {
        if (ACTION_CODES.length() != FulfillmentAction.values().length) {
            throw new ExceptionInInitializerError("a fulfillment action without its stored letter");
        }
    }

    /**
     * Appends the explanation column of {@code line} billed by the run of {@code billedOn} to a COPY row of
     * invoice_line, NULL when {@code e} is null.
     */
    static void write(CopyRows rows, InvoiceLine line, LineExplanation e, LocalDate billedOn) {
        if (e == null) rows.text(null);
        else rows.composed(format(rows.scratch(), line, e, billedOn)); // in the rows' own builder: no String per line
    }

    /** The stored text of {@code e}, the explanation of {@code line} billed by the run of {@code billedOn}. */
    static String format(InvoiceLine line, LineExplanation e, LocalDate billedOn) {
        return format(new StringBuilder(160), line, e, billedOn).toString();
    }

    /** Appends the stored text of {@code e} to {@code b}. */
    private static StringBuilder format(StringBuilder b, InvoiceLine line, LineExplanation e, LocalDate billedOn) {
        LineExplanation.Change c = e.change();
        b.append(e.rule().code()).append('|').append(e.direction() == LineExplanation.Direction.CREDIT ? '-' : '+')
                .append('|').append(e.remainingDays()).append('|').append(e.cycleDays()).append('|');
        unlessSame(b, e.cycleStart(), line.chargeStartDate()).append('|');
        unlessSame(b, e.cycleEnd(), line.chargeEndDate()).append('|').append(e.rounding().name()).append('|')
                .append(e.exactAmount().toPlainString()).append('|');
        if (c != null) b.append(c.fromQuantity()).append('|').append(c.toQuantity()).append('|');
        else b.append("||");
        SourceRef commerce = e.commerce().source();
        unlessSame(b, commerce.businessDate(), billedOn).append('|').append(commerce.line()).append('|');
        if (e.commerce().updatedAt() != null) IsoText.appendInstant(b, e.commerce().updatedAt());
        b.append('|');
        appendEvents(b, e.events(), billedOn);
        b.append('|').append(e.reversesLineId()).append('|');
        if (e.dueOn().equals(line.chargeStartDate()) && !e.dueOn().equals(billedOn)) b.append(CHARGE_START);
        else unlessSame(b, e.dueOn(), billedOn);
        b.append('|');
        if (c != null) {
            escapePlan(b, c.fromPlan());
            b.append('|');
            escapePlan(b, c.toPlan());
        } else {
            b.append('|');
        }
        return b;
    }

    private static void escapePlan(StringBuilder b, String plan) {
        for (int i = 0; i < plan.length(); i++) {
            char ch = plan.charAt(i);
            if (ch == '\\' || ch == '|') b.append('\\');
            b.append(ch);
        }
    }

    /** {@code date}, or nothing when it is {@code same} (the reader takes it from the row). */
    private static StringBuilder unlessSame(StringBuilder b, LocalDate date, LocalDate same) {
        return date.equals(same) ? b : IsoText.appendDate(b, date);
    }

    /** {@code s} from {@code from} to {@code to} as a date; empty: {@code same}. */
    private static LocalDate dateOr(String s, int from, int to, LocalDate same) {
        return from == to ? same : IsoText.parseDate(s, from, to);
    }

    private static void appendEvents(StringBuilder b, List<LineExplanation.EventFact> events, LocalDate billedOn) {
        for (int i = 0; i < events.size(); i++) {
            LineExplanation.EventFact f = events.get(i);
            if (i > 0) b.append(';');
            // event ids are [A-Za-z0-9_-] (feed rule), so spaces, ';' and '|' cannot occur in them
            b.append(f.eventId()).append(' ').append(ACTION_CODES.charAt(f.action().ordinal())).append(' ');
            unlessSame(b, f.source().businessDate(), billedOn).append(' ').append(f.source().line());
        }
    }

    /**
     * The explanation of {@code line} from the row, its columns starting at {@code at}; null for a line billed
     * before explanations were recorded.
     */
    static LineExplanation read(ResultSet rs, int at, InvoiceLine line) throws SQLException {
        String s = rs.getString(at);
        return s == null ? null : parse(s, line, date(rs, at + 1));
    }

    /** The inverse of {@link #format}. */
    static LineExplanation parse(String s, InvoiceLine line, LocalDate billedOn) {
        int[] ends = new int[FIXED_FIELDS];
        int from = 0;
        for (int k = 0; k < FIXED_FIELDS; k++) {
            int end = s.indexOf('|', from);
            if (end < 0) throw new IllegalArgumentException("stored explanation not understood: " + s);
            ends[k] = end;
            from = end + 1;
        }
        int plansAt = from;
        String fromQuantity = field(s, ends, 8);
        LineExplanation.Change change = null;
        if (!fromQuantity.isEmpty()) {
            StringBuilder plan = new StringBuilder(16);
            int i = unescapePlan(s, plansAt, plan);
            String fromPlan = plan.toString();
            plan.setLength(0);
            unescapePlan(s, i + 1, plan);
            change = new LineExplanation.Change(fromPlan, plan.toString(), Integer.parseInt(fromQuantity),
                    Integer.parseInt(field(s, ends, 9)));
        }
        String updatedAt = field(s, ends, 12);
        SourceRef commerce = new SourceRef(dateOr(s, start(ends, 10), ends[10], billedOn), SourceRef.COMMERCE_FILE,
                Long.parseLong(s, start(ends, 11), ends[11], 10));
        return new LineExplanation(line.lineId(), LineExplanation.Rule.ofCode(field(s, ends, 0)),
                direction(s, start(ends, 1), ends[1]), line.unitPrice(), line.quantity(),
                Integer.parseInt(s, start(ends, 2), ends[2], 10), Integer.parseInt(s, start(ends, 3), ends[3], 10),
                dateOr(s, start(ends, 4), ends[4], line.chargeStartDate()),
                dateOr(s, start(ends, 5), ends[5], line.chargeEndDate()), named(ROUNDINGS, s, start(ends, 6), ends[6]),
                new BigDecimal(field(s, ends, 7)), change,
                new LineExplanation.CommerceFact(commerce, updatedAt.isEmpty() ? null
                        : IsoText.parseInstant(updatedAt, 0, updatedAt.length())),
                events(s, start(ends, 13), ends[13], billedOn), field(s, ends, 14),
                dueOn(s, start(ends, 15), ends[15], line, billedOn), billedOn);
    }

    /** The due date stored as {@link #CHARGE_START} means the line's charge start. */
    private static final char CHARGE_START = '^';

    private static LocalDate dueOn(String s, int from, int to, InvoiceLine line, LocalDate billedOn) {
        return to - from == 1 && s.charAt(from) == CHARGE_START ? line.chargeStartDate() : dateOr(s, from, to, billedOn);
    }

    /** {@code +} or {@code -}; before D51 the enum's name. */
    private static LineExplanation.Direction direction(String s, int from, int to) {
        if (to - from == 1) {
            switch (s.charAt(from)) {
                case '+' -> { return LineExplanation.Direction.CHARGE; }
                case '-' -> { return LineExplanation.Direction.CREDIT; }
                default -> { }
            }
        }
        return named(DIRECTIONS, s, from, to);
    }

    /** An action by its letter; before D51 by its enum name. */
    private static FulfillmentAction action(String s, int from, int to) {
        if (to - from == 1) {
            int k = ACTION_CODES.indexOf(s.charAt(from));
            if (k >= 0) return ACTIONS[k];
        }
        return named(ACTIONS, s, from, to);
    }

    private static int start(int[] ends, int k) { return k == 0 ? 0 : ends[k - 1] + 1; }

    private static final Rounding[] ROUNDINGS = Rounding.values();
    private static final FulfillmentAction[] ACTIONS = FulfillmentAction.values();
    private static final LineExplanation.Direction[] DIRECTIONS = LineExplanation.Direction.values();

    /** The constant named by {@code s} from {@code from} to {@code to}: Enum.valueOf without a substring and a map. */
    private static <E extends Enum<E>> E named(E[] values, String s, int from, int to) {
        for (E v : values) {
            String name = v.name();
            if (name.length() == to - from && s.startsWith(name, from)) return v;
        }
        throw new IllegalArgumentException("stored explanation names no " + values[0].getDeclaringClass().getSimpleName()
                + ": " + s.substring(from, to));
    }

    private static String field(String s, int[] ends, int k) { return s.substring(start(ends, k), ends[k]); }

    /** Appends the plan id starting at {@code i} to {@code out}; returns the index of the '|' or end after it. */
    private static int unescapePlan(String s, int i, StringBuilder out) {
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '|') return i;
            if (ch == '\\' && i + 1 < n) ch = s.charAt(++i);
            out.append(ch);
            i++;
        }
        return i;
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

    /** The fulfillment sources in {@code s} from {@code from} to {@code to}, by hand (String.split and
     * Instant.parse were most of reading a row); an empty business date is {@code billedOn}. Stored since D52
     * without the occurred_at (null here); before, with it. */
    static List<LineExplanation.EventFact> events(String s, int from, int to, LocalDate billedOn) {
        if (from == to) return List.of();
        List<LineExplanation.EventFact> out = new ArrayList<>(2);
        int start = from;
        while (start < to) {
            int end = s.indexOf(';', start);
            if (end < 0 || end > to) end = to;
            int a = s.indexOf(' ', start);
            int b = s.indexOf(' ', a + 1);
            int c = s.indexOf(' ', b + 1);
            if (a < 0 || b < 0 || c < 0 || c >= end) {
                throw new IllegalArgumentException("stored fulfillment sources not understood: " + s.substring(from, to));
            }
            int d = s.indexOf(' ', c + 1);
            Instant occurredAt = null;
            int date = b; // the space before the business date
            int line = c; // the space before the line
            if (d >= 0 && d < end) { // the form before D52: the instant, then the date
                occurredAt = IsoText.parseInstant(s, b + 1, c);
                date = c;
                line = d;
            }
            out.add(new LineExplanation.EventFact(s.substring(start, a), action(s, a + 1, b), occurredAt,
                    new SourceRef(dateOr(s, date + 1, line, billedOn), SourceRef.FULFILLMENT_FILE,
                            Long.parseLong(s, line + 1, end, 10))));
            start = end + 1;
        }
        return out;
    }
}
