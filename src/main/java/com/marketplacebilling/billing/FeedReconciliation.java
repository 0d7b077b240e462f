package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.endOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** R16: the commerce view against the publisher's at the end of the business date, on every run while they differ. */
final class FeedReconciliation {
    private FeedReconciliation() {}

    /** @param end the subscription's last billable day when known, else null */
    static List<ProposedItem> propose(SubscriptionFacts f, LocalDate end) {
        LocalDate today = f.today();
        if (!f.fulfillment().activated()) return List.of();
        if (end != null && end.isBefore(today)) return List.of();
        CommerceVersion st = f.commerce().stateAtEndOf(today);
        FulfillmentLog.PublisherView pub = f.fulfillment().viewAt(endOf(today));
        String commerceStatus = switch (st.status()) {
            case ACTIVE -> "Subscribed";
            case SUSPENDED -> "Suspended";
            case CANCELLED -> "Unsubscribed";
            case PENDING -> "PendingFulfillmentStart";
        };
        List<ProposedItem> out = new ArrayList<>();
        if (pub.status() != null && !commerceStatus.equals(pub.status())) {
            mismatch(f, out, ExceptionCode.STATUS_MISMATCH, "status",
                    st.status().feedName() + " (" + commerceStatus + ")", pub.status());
        }
        if (pub.quantity() != null && pub.quantity() != st.quantity()) {
            mismatch(f, out, ExceptionCode.QUANTITY_MISMATCH, "quantity", Integer.toString(st.quantity()),
                    pub.quantity().toString());
        }
        if (pub.planId() != null && !pub.planId().equals(st.planId())) {
            mismatch(f, out, ExceptionCode.PLAN_MISMATCH, "plan", st.planId(), pub.planId());
        }
        return out;
    }

    private static void mismatch(SubscriptionFacts f, List<ProposedItem> out, ExceptionCode code, String what,
                                 String commerceValue, String publisherValue) {
        out.add(new ProposedItem.ReviewOn(f.today().plusDays(1))); // raised again on every run while they differ
        out.add(new ProposedItem.Raised(Finding.of(code,
                ExceptionIds.ofSubscription(code, f.subscriptionId(), f.today().toString()),
                "R16: the commerce feed says " + what + " " + commerceValue + ", the publisher reports "
                        + publisherValue + " (Expected = commerce, Actual = publisher)")
                .values(commerceValue, publisherValue)));
    }
}
