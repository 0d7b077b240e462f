package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * R10: the cancellation of a billable subscription, if any, and what it decides: the last billable day, the
 * CANCELLED_OUTSIDE_WINDOW finding, or in the window the reversal of every line.
 *
 * @param version     the first cancelling version, or null
 * @param date        the UTC date of its cancelled_at
 * @param beforeStart cancelled before S: nothing is ever billed
 * @param end         the last billable day it decides (S − 1 when cancelled before S), or null
 */
record Cancellation(CommerceVersion version, LocalDate date, boolean inWindow, boolean beforeStart, LocalDate end) {

    static Cancellation of(SubscriptionFacts f) {
        CommerceVersion cancel = f.commerce().cancellation();
        if (cancel == null) return new Cancellation(null, null, false, false, null);
        LocalDate date = dateOf(cancel.cancelledAt());
        if (date.isBefore(f.billingStart())) {
            return new Cancellation(cancel, date, false, true, f.billingStart().minusDays(1));
        }
        CommerceVersion first = f.established();
        boolean inWindow = CancellationWindow.isInWindow(first.orderedAt(), cancel.cancelledAt(),
                first.billingFrequency(), f.run().policy().cancellationLegacyUntil());
        return new Cancellation(cancel, date, inWindow, false, inWindow ? date : f.schedule().termOn(date).end());
    }

    /** Out of window: no refund, billed to the end of the term, no renewal. */
    List<ProposedItem> propose(SubscriptionFacts f) {
        if (version == null || inWindow || beforeStart) return List.of();
        CommerceVersion first = f.established();
        Duration w = CancellationWindow.length(first.orderedAt(), first.billingFrequency(),
                f.run().policy().cancellationLegacyUntil());
        return List.of(new ProposedItem.Raised(Finding.of(ExceptionCode.CANCELLED_OUTSIDE_WINDOW,
                        ExceptionIds.ofSubscription(ExceptionCode.CANCELLED_OUTSIDE_WINDOW, f.subscriptionId(),
                                version.contentKey()),
                        "R10: cancelled " + human(Duration.between(first.orderedAt(), version.cancelledAt()))
                                + " after the order, outside the " + human(w) + " window: no refund, billed to "
                                + end + ", no renewal")
                .at(version.source()).values("before " + first.orderedAt().plus(w), version.cancelledAt().toString())));
    }

    /**
     * In window, once the cancellation day has come: one {@code cancelImmediate} per line billed or proposed
     * (same dates and quantity, negated amounts), so the subscription nets to zero.
     */
    List<ProposedItem> reversals(SubscriptionFacts f, List<InvoiceLine> proposed) {
        if (!inWindow) return List.of();
        if (date.isAfter(f.today())) return List.of(new ProposedItem.ReviewOn(date));
        List<InvoiceLine> toReverse = new ArrayList<>();
        for (InvoiceLine l : f.history().billedLines()) {
            if (l.chargeType() != ChargeType.CANCEL_IMMEDIATE) toReverse.add(l);
        }
        for (InvoiceLine l : proposed) {
            if (!f.billed(l.lineId()) && l.chargeType() != ChargeType.CANCEL_IMMEDIATE) toReverse.add(l);
        }
        LineFactory lines = new LineFactory(f);
        CommerceVersion st = f.commerce().stateAtEndOf(date);
        List<ProposedItem> out = new ArrayList<>(toReverse.size());
        for (InvoiceLine l : toReverse) {
            String lineId = LineIds.reversal(f.subscriptionId(), l.lineId());
            // the same service days, price and quantity, negated, told to the customer as of the cancellation
            InvoiceLine reversal = l.toBuilder()
                    .invoice(lines.invoiceNumber(date, st), lineId)
                    .customer(st.customerId(), st.customerName(), st.customerCountry(), st.resellerMpnId())
                    .order(st.orderId(), date)
                    .publisher(st.publisherId(), st.publisherName())
                    .subscription(f.subscriptionId(), LineFactory.description(st, l.planId()))
                    .charge(ChargeType.CANCEL_IMMEDIATE, l.chargeStartDate(), l.chargeEndDate())
                    .amount(l.unitPrice(), new Money.Amount(l.effectiveUnitPrice(), l.subtotal()).negate(), l.quantity())
                    .referenceId(l.lineId())
                    .build();
            out.add(new ProposedItem.Line(reversal, () -> explanation(f, lines, lineId, l)));
        }
        return out;
    }

    /**
     * The reversal of {@code reversed} repeats its proration with the opposite sign. The rounding mode is the one
     * that produced the reversed line: the run's own, unless the line was billed under the other.
     */
    private LineExplanation explanation(SubscriptionFacts f, LineFactory lines, String lineId, InvoiceLine reversed) {
        ChargeCycle cycle = f.schedule().cycleOn(reversed.chargeStartDate());
        Rounding rounding = f.rounding();
        for (Rounding r : new Rounding[] {rounding, rounding == Rounding.UNIT ? Rounding.LINE : Rounding.UNIT}) {
            Money.Amount a = Money.prorate(reversed.unitPrice(), cycle.daysFrom(reversed.chargeStartDate()),
                    cycle.days(), reversed.quantity(), reversed.currency(), r);
            if (a.subtotal().compareTo(reversed.subtotal().abs()) == 0
                    && a.effectiveUnitPrice().compareTo(reversed.effectiveUnitPrice().abs()) == 0) {
                rounding = r;
                break;
            }
        }
        LineExplanation.Direction direction = reversed.isCredit() ? LineExplanation.Direction.CHARGE
                : LineExplanation.Direction.CREDIT;
        return lines.explanation(lineId, direction, reversed.unitPrice(), reversed.quantity(), cycle,
                reversed.chargeStartDate(), rounding, new LineFactory.Grounds(LineExplanation.Rule.R10_REVERSAL, null,
                        version, List.of(), reversed.lineId(), date));
    }

    /** "3 d 4 h 5 min" for messages finance reads. */
    static String human(Duration d) {
        long days = d.toDays();
        String s = (days > 0 ? days + " d " : "") + d.toHoursPart() + " h " + d.toMinutesPart() + " min";
        return s.replace(" 0 min", "").replace(" 0 h", "");
    }
}
