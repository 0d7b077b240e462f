package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Why a line has its amount: the rule that produced it, the inputs of its proration (R14) and the facts it stands
 * on. Pure data: the billing core fills it, the publish step and {@code bin/billing explain} put it into words.
 * Recomputing the amount from these inputs ({@link #recompute}) gives exactly the line's EffectiveUnitPrice and
 * Subtotal; the publish step checks that for every line.
 *
 * @param lineId         the line explained
 * @param rule           the rule that produced it
 * @param direction      a charge or a credit (the sign applied after truncation)
 * @param unitPrice      the price per unit and full cycle
 * @param quantity       the units billed
 * @param remainingDays  days billed, from the line's start to the end of its cycle (inclusive)
 * @param cycleDays      days of the whole cycle (inclusive)
 * @param cycleStart     first day of the cycle
 * @param cycleEnd       last day of the cycle
 * @param rounding       R14's rounding mode used
 * @param exactAmount    quantity × unitPrice × remainingDays / cycleDays before any truncation (positive; cut at
 *                       {@link #EXACT_SCALE} decimals when it does not end)
 * @param change         what changed, for R7 and R8 pairs; null otherwise
 * @param commerce       the commerce version the line stands on
 * @param events         the fulfillment events it stands on (R1's two for {@code new}, the Reinstate of R13)
 * @param reversesLineId the line an R10 reversal cancels; empty otherwise
 * @param dueOn          the day the line became due
 * @param billedOn       the business date of the run that billed it (later than dueOn: a catch-up line)
 */
public record LineExplanation(
        String lineId,
        Rule rule,
        Direction direction,
        BigDecimal unitPrice,
        int quantity,
        int remainingDays,
        int cycleDays,
        LocalDate cycleStart,
        LocalDate cycleEnd,
        Rounding rounding,
        BigDecimal exactAmount,
        Change change,
        CommerceFact commerce,
        List<EventFact> events,
        String reversesLineId,
        LocalDate dueOn,
        LocalDate billedOn) {

    /** Decimals kept of an exact amount whose division does not end. */
    public static final int EXACT_SCALE = 10;

    public LineExplanation {
        events = List.copyOf(events);
    }

    /** The rules that produce lines. */
    public enum Rule {
        R4_NEW("R4"), R5_CYCLE_CHARGE("R5"), R6_RENEW("R6"), R7_SEAT_CHANGE("R7"), R8_PLAN_CHANGE("R8"),
        R10_REVERSAL("R10"), R13_REINSTATED_CYCLE("R13");

        private final String code;

        Rule(String code) { this.code = code; }

        /** "R7", as docs/rules.md numbers it. */
        public String code() { return code; }

        public static Rule ofCode(String code) {
            for (Rule r : values()) {
                if (r.code.equals(code)) return r;
            }
            throw new IllegalArgumentException("unknown rule " + code);
        }
    }

    public enum Direction { CHARGE, CREDIT }

    /** An R7/R8 change: plan and quantity before and after. */
    public record Change(String fromPlan, String toPlan, int fromQuantity, int toQuantity) {}

    /** A commerce version by where it was received and its {@code updated_at}. */
    public record CommerceFact(SourceRef source, Instant updatedAt) {}

    /**
     * A fulfillment event by its id, what it did and when, and where it was received. {@code occurredAt} is null
     * where only the reference was read (the ledger stores an explanation's events by id and source, D52; the
     * event's own row has the instant).
     */
    public record EventFact(String eventId, FulfillmentAction action, Instant occurredAt, SourceRef source) {
        static EventFact of(FulfillmentEvent e) {
            return new EventFact(e.eventId(), e.action(), e.occurredAt(), e.source());
        }
    }

    /** This explanation with other events (the same events with their instants filled in, say). */
    public LineExplanation withEvents(List<EventFact> others) {
        return new LineExplanation(lineId, rule, direction, unitPrice, quantity, remainingDays, cycleDays, cycleStart,
                cycleEnd, rounding, exactAmount, change, commerce, others, reversesLineId, dueOn, billedOn);
    }

    /** Billed by a run later than the day it was due (a skipped date caught up, or a late fact). */
    public boolean catchUp() { return dueOn.isBefore(billedOn); }

    /** The line's EffectiveUnitPrice and Subtotal, recomputed from the inputs alone (R14). */
    public Money.Amount recompute(String currency) {
        Money.Amount a = Money.prorate(unitPrice, remainingDays, cycleDays, quantity, currency, rounding);
        return direction == Direction.CREDIT ? a.negate() : a;
    }

    /** quantity × unitPrice × remainingDays / cycleDays, exact or cut at {@link #EXACT_SCALE} decimals. */
    public static BigDecimal exact(BigDecimal unitPrice, int quantity, int remainingDays, int cycleDays) {
        // a whole cycle (most lines): nothing to divide, and the product has the price's scale, as below
        if (remainingDays == cycleDays && cycleDays > 0) return unitPrice.multiply(BigDecimal.valueOf(quantity));
        return dividing(unitPrice, quantity, remainingDays, cycleDays);
    }

    /** {@link #exact} by its division, whatever the days. */
    static BigDecimal dividing(BigDecimal unitPrice, int quantity, int remainingDays, int cycleDays) {
        BigDecimal numerator = unitPrice.multiply(BigDecimal.valueOf(quantity)).multiply(BigDecimal.valueOf(remainingDays));
        BigDecimal cycle = BigDecimal.valueOf(cycleDays);
        BigDecimal q = numerator.divide(cycle, Math.max(EXACT_SCALE, numerator.scale()), java.math.RoundingMode.DOWN);
        if (q.multiply(cycle).compareTo(numerator) != 0) return q; // does not end: cut
        // it ends: the fewest decimals that hold it, but at least the price's (100.80, not 100.8)
        BigDecimal stripped = q.stripTrailingZeros();
        return q.setScale(Math.max(numerator.scale(), stripped.scale()));
    }

    /**
     * The invariant: null when recomputing from the inputs gives exactly the line's EffectiveUnitPrice and
     * Subtotal (and the exact amount matches them), else what differs.
     */
    public static String mismatch(InvoiceLine line, LineExplanation e) {
        if (!line.lineId().equals(e.lineId())) return "explanation of " + e.lineId() + " given for " + line.lineId();
        if (line.unitPrice().compareTo(e.unitPrice()) != 0 || line.quantity() != e.quantity()) {
            return "unit price or quantity differ from the line's";
        }
        Money.Amount r;
        try {
            r = e.recompute(line.currency());
        } catch (IllegalArgumentException bad) {
            return "inputs cannot be prorated: " + bad.getMessage();
        }
        if (r.subtotal().compareTo(line.subtotal()) != 0) {
            return "Subtotal " + line.subtotal().toPlainString() + " but the inputs give " + r.subtotal().toPlainString();
        }
        if (r.effectiveUnitPrice().compareTo(line.effectiveUnitPrice()) != 0) {
            return "EffectiveUnitPrice " + line.effectiveUnitPrice().toPlainString() + " but the inputs give "
                    + r.effectiveUnitPrice().toPlainString();
        }
        if (e.exactAmount().compareTo(exact(e.unitPrice(), e.quantity(), e.remainingDays(), e.cycleDays())) != 0) {
            return "ExactAmount " + e.exactAmount().toPlainString() + " does not follow from the inputs";
        }
        return null;
    }
}
