package com.marketplacebilling.explain;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.LineExplanation.Direction;
import com.marketplacebilling.billing.LineExplanation.EventFact;
import com.marketplacebilling.billing.Money;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Puts a {@link LineExplanation} into words finance can follow without reading code: what happened, on which
 * facts, and the arithmetic with its truncation (R14). The billing core only holds the data; the words are here,
 * shared by line-explanations.csv and {@code bin/billing explain}.
 */
public final class ExplanationText {
    /** The Text of a line billed before explanations were recorded. */
    public static final String NOT_RECORDED = "explanation not recorded";

    private ExplanationText() {}

    /**
     * One sentence, e.g. "Seat change 10 → 12 on 2021-06-20 (subscriptions.csv of 2021-06-20, line 14): credit 10
     * seats × 10.08 × 28/30 = 94.08, truncated per unit to 9.40 → −94.00 (rounding unit)".
     */
    public static String sentence(InvoiceLine line, LineExplanation e) {
        if (e == null) return NOT_RECORDED;
        StringBuilder b = new StringBuilder(200);
        b.append(what(line, e)).append(": ").append(arithmetic(line, e));
        if (e.catchUp()) {
            b.append("; due on ").append(e.dueOn()).append(", billed by the run of ").append(e.billedOn())
                    .append(" (catch-up)");
        }
        return b.toString();
    }

    /** What happened, with the facts it stands on. */
    static String what(InvoiceLine line, LineExplanation e) {
        String period = line.chargeStartDate() + ".." + line.chargeEndDate();
        String commerce = commerce(e);
        return switch (e.rule()) {
            case R4_NEW -> "First charge for " + period + ", billing started " + e.dueOn() + startedBy(e.events())
                    + "; price and seats from " + commerce;
            case R5_CYCLE_CHARGE -> "Charge cycle " + period + " of the term " + line.subscriptionStartDate() + ".."
                    + line.subscriptionEndDate() + " (" + commerce + ")";
            case R6_RENEW -> "Renewal for the new term " + line.subscriptionStartDate() + ".."
                    + line.subscriptionEndDate() + ", charged " + period + " (" + commerce + ")";
            case R7_SEAT_CHANGE -> "Seat change " + e.change().fromQuantity() + " → " + e.change().toQuantity() + " on "
                    + e.dueOn() + " (" + commerce + ")";
            case R8_PLAN_CHANGE -> "Plan change " + e.change().fromPlan() + " → " + e.change().toPlan()
                    + (e.change().fromQuantity() == e.change().toQuantity() ? ""
                    : ", seats " + e.change().fromQuantity() + " → " + e.change().toQuantity())
                    + " on " + e.dueOn() + " (" + commerce + ")";
            case R10_REVERSAL -> "Cancelled within the cancellation window on " + e.dueOn() + " (" + commerce
                    + "): reverses line " + e.reversesLineId() + " of " + period;
            case R13_REINSTATED_CYCLE -> "Reinstated on " + e.dueOn() + events(e.events())
                    + " after a suspension skipped the start of cycle " + e.cycleStart() + ".." + e.cycleEnd()
                    + ", charged " + period + "; price and seats from " + commerce;
        };
    }

    /** "10 seats × 10.08 × 28/30 = 94.08, truncated per unit to 9.40 → −94.00 (rounding unit)", with "credit". */
    static String arithmetic(InvoiceLine line, LineExplanation e) {
        int digits = Money.minorDigits(line.currency());
        StringBuilder b = new StringBuilder(100);
        b.append(e.direction() == Direction.CREDIT ? "credit " : "charge ")
                .append(e.quantity()).append(e.quantity() == 1 ? " seat" : " seats");
        if (e.rule() == LineExplanation.Rule.R8_PLAN_CHANGE) b.append(" of ").append(line.planId());
        b.append(" × ").append(e.unitPrice().toPlainString()).append(" × ").append(e.remainingDays()).append('/')
                .append(e.cycleDays()).append(" = ").append(exact(e));
        BigDecimal subtotal = line.subtotal().setScale(digits, RoundingMode.UNNECESSARY);
        if (e.exactAmount().compareTo(subtotal.abs()) != 0) {
            if (e.rounding() == Rounding.UNIT) {
                b.append(", truncated per unit to ")
                        .append(line.effectiveUnitPrice().abs().setScale(digits, RoundingMode.DOWN).toPlainString())
                        .append(" → ");
            } else {
                b.append(", truncated to ");
            }
            b.append(signed(subtotal));
        } else if (subtotal.signum() < 0) {
            b.append(" → ").append(signed(subtotal));
        }
        return b.append(" (rounding ").append(e.rounding().optionName()).append(')').toString();
    }

    /** The exact amount, with "…" when the division does not end. */
    static String exact(LineExplanation e) {
        BigDecimal x = e.exactAmount();
        BigDecimal back = x.multiply(BigDecimal.valueOf(e.cycleDays()));
        BigDecimal numerator = e.unitPrice().multiply(BigDecimal.valueOf(e.quantity()))
                .multiply(BigDecimal.valueOf(e.remainingDays()));
        return x.toPlainString() + (back.compareTo(numerator) == 0 ? "" : "…");
    }

    /** "−94.00" with a true minus sign, as finance writes it. */
    static String signed(BigDecimal amount) {
        return amount.signum() < 0 ? "−" + amount.negate().toPlainString() : amount.toPlainString();
    }

    /** "subscriptions.csv of 2021-06-20, line 14". */
    public static String source(SourceRef s) {
        return s.file() + " of " + s.businessDate() + ", line " + s.line();
    }

    static String commerce(LineExplanation e) {
        return source(e.commerce().source());
    }

    private static String startedBy(List<EventFact> events) {
        if (events.size() != 2) return events(events);
        // by id only: every first night has a line like this per subscription, and FulfillmentSources says where
        return ", when the publisher had assigned the licences (event " + events.get(0).eventId()
                + ") and activated (event " + events.get(1).eventId() + ")";
    }

    private static String events(List<EventFact> events) {
        if (events.isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) b.append("; ");
            b.append(reference(events.get(i)));
        }
        return b.append(')').toString();
    }

    /** "evt-2, fulfillment-events.csv of 2026-11-02, line 3": an event as the sentence names it. */
    static String reference(EventFact f) {
        return f.eventId() + ", " + source(f.source());
    }

    /** "evt-2 Activate at 2026-10-12T07:30:00Z, fulfillment-events.csv of 2026-11-02, line 3". */
    public static String event(EventFact f) {
        return f.eventId() + " " + f.action().feedName() + " at " + f.occurredAt() + ", " + source(f.source());
    }
}
