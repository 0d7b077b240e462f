package com.marketplacebilling.explain;

import static com.marketplacebilling.billing.IsoText.appendDate;

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
        return e == null ? NOT_RECORDED : appendSentence(new StringBuilder(256), line, e).toString();
    }

    /** {@link #sentence} appended to {@code b} (line-explanations.csv reuses one builder for a million rows). */
    public static StringBuilder appendSentence(StringBuilder b, InvoiceLine line, LineExplanation e) {
        if (e == null) return b.append(NOT_RECORDED);
        appendWhat(b, line, e).append(": ");
        appendArithmetic(b, line, e);
        if (e.catchUp()) {
            appendDate(appendDate(b.append("; due on "), e.dueOn()).append(", billed by the run of "), e.billedOn())
                    .append(" (catch-up)");
        }
        return b;
    }

    /** What happened, with the facts it stands on. */
    static String what(InvoiceLine line, LineExplanation e) {
        return appendWhat(new StringBuilder(160), line, e).toString();
    }

    /** {@link #what}, appended to {@code b} (one builder per sentence: this runs for every line of a date). */
    private static StringBuilder appendWhat(StringBuilder b, InvoiceLine line, LineExplanation e) {
        switch (e.rule()) {
            case R4_NEW -> {
                appendDate(period(b.append("First charge for "), line).append(", billing started "), e.dueOn());
                startedBy(b, e.events());
                commerce(b.append("; price and seats from "), e);
            }
            case R5_CYCLE_CHARGE -> {
                term(period(b.append("Charge cycle "), line).append(" of the term "), line).append(" (");
                commerce(b, e).append(')');
            }
            case R6_RENEW -> {
                term(b.append("Renewal for the new term "), line).append(", charged ");
                commerce(period(b, line).append(" ("), e).append(')');
            }
            case R7_SEAT_CHANGE -> {
                b.append("Seat change ").append(e.change().fromQuantity()).append(" → ").append(e.change().toQuantity())
                        .append(" on ");
                appendDate(b, e.dueOn()).append(" (");
                commerce(b, e).append(')');
            }
            case R8_PLAN_CHANGE -> {
                b.append("Plan change ").append(e.change().fromPlan()).append(" → ").append(e.change().toPlan());
                if (e.change().fromQuantity() != e.change().toQuantity()) {
                    b.append(", seats ").append(e.change().fromQuantity()).append(" → ").append(e.change().toQuantity());
                }
                appendDate(b.append(" on "), e.dueOn()).append(" (");
                commerce(b, e).append(')');
            }
            case R10_REVERSAL -> {
                appendDate(b.append("Cancelled within the cancellation window on "), e.dueOn()).append(" (");
                commerce(b, e).append("): reverses line ").append(e.reversesLineId()).append(" of ");
                period(b, line);
            }
            case R13_REINSTATED_CYCLE -> {
                appendDate(b.append("Reinstated on "), e.dueOn());
                events(b, e.events());
                appendDate(appendDate(b.append(" after a suspension skipped the start of cycle "), e.cycleStart())
                        .append(".."), e.cycleEnd()).append(", charged ");
                commerce(period(b, line).append("; price and seats from "), e);
            }
        }
        return b;
    }

    private static StringBuilder period(StringBuilder b, InvoiceLine line) {
        return appendDate(appendDate(b, line.chargeStartDate()).append(".."), line.chargeEndDate());
    }

    private static StringBuilder term(StringBuilder b, InvoiceLine line) {
        return appendDate(appendDate(b, line.subscriptionStartDate()).append(".."), line.subscriptionEndDate());
    }

    /** "10 seats × 10.08 × 28/30 = 94.08, truncated per unit to 9.40 → −94.00 (rounding unit)", with "credit". */
    static String arithmetic(InvoiceLine line, LineExplanation e) {
        return appendArithmetic(new StringBuilder(100), line, e).toString();
    }

    private static StringBuilder appendArithmetic(StringBuilder b, InvoiceLine line, LineExplanation e) {
        int digits = Money.minorDigits(line.currency());
        b.append(e.direction() == Direction.CREDIT ? "credit " : "charge ")
                .append(e.quantity()).append(e.quantity() == 1 ? " seat" : " seats");
        if (e.rule() == LineExplanation.Rule.R8_PLAN_CHANGE) b.append(" of ").append(line.planId());
        b.append(" × ").append(e.unitPrice().toPlainString()).append(" × ").append(e.remainingDays()).append('/')
                .append(e.cycleDays()).append(" = ");
        appendExact(b, e);
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
        return b.append(" (rounding ").append(e.rounding().optionName()).append(')');
    }

    /** The exact amount, with "…" when the division does not end. */
    static String exact(LineExplanation e) {
        return appendExact(new StringBuilder(24), e).toString();
    }

    private static StringBuilder appendExact(StringBuilder b, LineExplanation e) {
        BigDecimal x = e.exactAmount();
        b.append(x.toPlainString());
        if (e.remainingDays() == e.cycleDays()) return b; // a whole cycle: nothing was divided
        BigDecimal back = x.multiply(BigDecimal.valueOf(e.cycleDays()));
        BigDecimal numerator = e.unitPrice().multiply(BigDecimal.valueOf(e.quantity()))
                .multiply(BigDecimal.valueOf(e.remainingDays()));
        return back.compareTo(numerator) == 0 ? b : b.append('…');
    }

    /** "−94.00" with a true minus sign, as finance writes it. */
    static String signed(BigDecimal amount) {
        return amount.signum() < 0 ? "−" + amount.negate().toPlainString() : amount.toPlainString();
    }

    /** "subscriptions.csv of 2021-06-20, line 14". */
    public static String source(SourceRef s) {
        return source(new StringBuilder(48), s).toString();
    }

    private static StringBuilder source(StringBuilder b, SourceRef s) {
        return appendDate(b.append(s.file()).append(" of "), s.businessDate()).append(", line ").append(s.line());
    }

    static String commerce(LineExplanation e) {
        return source(e.commerce().source());
    }

    private static StringBuilder commerce(StringBuilder b, LineExplanation e) {
        return source(b, e.commerce().source());
    }

    private static void startedBy(StringBuilder b, List<EventFact> events) {
        if (events.size() != 2) {
            events(b, events);
            return;
        }
        // by id only: every first night has a line like this per subscription, and FulfillmentSources says where
        b.append(", when the publisher had assigned the licences (event ").append(events.get(0).eventId())
                .append(") and activated (event ").append(events.get(1).eventId()).append(')');
    }

    private static void events(StringBuilder b, List<EventFact> events) {
        if (events.isEmpty()) return;
        b.append(" (");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) b.append("; ");
            source(b.append(events.get(i).eventId()).append(", "), events.get(i).source());
        }
        b.append(')');
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
