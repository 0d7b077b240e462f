package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * What every rule family reads (R1, R3, R12, R17): one subscription's history interpreted once (the commerce
 * timeline, the fulfillment log), its billing start S and charge schedule when billable (null while pending),
 * the LineIds already billed, and the run.
 */
record SubscriptionFacts(SubscriptionHistory history, RunContext run, CommerceTimeline commerce,
                         FulfillmentLog fulfillment, LocalDate billingStart, ChargeSchedule schedule,
                         Set<String> billedLineIds) {

    static SubscriptionFacts of(SubscriptionHistory h, RunContext run) {
        CommerceTimeline commerce = CommerceTimeline.of(h.versions());
        String publisher = commerce.isEmpty() ? null : commerce.stateAtEndOf(run.businessDate()).publisherId();
        FulfillmentLog fulfillment = FulfillmentLog.of(h.events(), publisher);
        Set<String> billed = new HashSet<>();
        for (InvoiceLine l : h.billedLines()) billed.add(l.lineId());
        Instant start = commerce.isEmpty() ? null : fulfillment.billingStart();
        if (start == null) return new SubscriptionFacts(h, run, commerce, fulfillment, null, null, billed);
        LocalDate s = billedStart(h, dateOf(start));
        CommerceVersion first = commerce.established();
        return new SubscriptionFacts(h, run, commerce, fulfillment, s,
                ChargeSchedule.of(s, first.term(), first.billingFrequency()), billed);
    }

    /**
     * R17: billed lines are final, so once a {@code new} line is billed its start is S for good. A late
     * LicensesAssigned/Activate dated earlier would otherwise re-anchor every cycle and bill a second
     * {@code new} (our choice: the billed anchor wins; the late fact only raises LATE_EVENT).
     */
    private static LocalDate billedStart(SubscriptionHistory h, LocalDate fromFacts) {
        for (InvoiceLine l : h.billedLines()) {
            if (l.chargeType() == ChargeType.NEW) return l.chargeStartDate();
        }
        return fromFacts;
    }

    String subscriptionId() { return history.subscriptionId(); }

    LocalDate today() { return run.businessDate(); }

    Rounding rounding() { return run.policy().rounding(); }

    /** The first applied version: it fixes the immutable fields (R12). */
    CommerceVersion established() { return commerce.established(); }

    /** R1: both LicensesAssigned and Activate succeeded. */
    boolean billable() { return billingStart != null; }

    boolean billed(String lineId) { return billedLineIds.contains(lineId); }
}
