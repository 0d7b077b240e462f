package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** R10, R12, R17: verdicts on the feed rows of one subscription (rejected, failed, late, unknown). */
final class FeedVerdicts {
    private FeedVerdicts() {}

    static List<ProposedItem> propose(SubscriptionFacts f) {
        List<Finding> out = new ArrayList<>();
        CommerceTimeline commerce = f.commerce();
        FulfillmentLog fulfillment = f.fulfillment();
        for (CommerceTimeline.Rejection r : commerce.rejections()) {
            out.add(Finding.onRow(r.code(), r.version().source(), r.message()).values(r.expected(), r.actual()));
        }
        for (FulfillmentLog.Rejection r : fulfillment.rejections()) {
            out.add(Finding.onRow(r.code(), r.row().source(), r.message()).event(r.row().eventId())
                    .values(r.expected(), r.actual()));
        }
        for (FulfillmentEvent op : fulfillment.operations()) {
            if (op.status() == OperationStatus.FAILED) {
                out.add(Finding.of(ExceptionCode.FULFILLMENT_FAILED,
                                ExceptionIds.ofSubscription(ExceptionCode.FULFILLMENT_FAILED, f.subscriptionId(), op.eventId()),
                                "R17: the publisher reports " + op.action().feedName() + " failed; nothing changes")
                        .at(op.source()).event(op.eventId())
                        .values(OperationStatus.SUCCEEDED.feedName(), OperationStatus.FAILED.feedName()));
            }
        }
        late(f, out);
        if (commerce.isEmpty()) {
            for (FulfillmentEvent op : fulfillment.operations()) {
                out.add(Finding.of(ExceptionCode.UNKNOWN_SUBSCRIPTION,
                        ExceptionIds.ofSubscription(ExceptionCode.UNKNOWN_SUBSCRIPTION, f.subscriptionId(), op.eventId()),
                        "R17: the commerce feed never named this subscription; the event is kept and applied"
                                + " if it appears later").at(op.source()).event(op.eventId()));
            }
        }
        List<ProposedItem> items = new ArrayList<>(out.size());
        for (Finding x : out) items.add(new ProposedItem.Raised(x));
        return items;
    }

    /** R17: a row of today's feed dated on or before the last completed business date is applied at its own date. */
    private static void late(SubscriptionFacts f, List<Finding> out) {
        LocalDate last = f.run().lastCompletedDate();
        if (last == null) return;
        LocalDate today = f.today();
        for (CommerceVersion v : f.commerce().applied()) {
            if (v.source().businessDate().equals(today) && !dateOf(v.updatedAt()).isAfter(last)) {
                out.add(Finding.onRow(ExceptionCode.LATE_EVENT, v.source(), "R17: version dated "
                        + dateOf(v.updatedAt()) + ", on or before the last completed business date " + last
                        + "; applied at its own date").values("after " + last, v.updatedAt().toString()));
            }
        }
        for (FulfillmentEvent e : f.fulfillment().acceptedRows()) {
            if (e.source().businessDate().equals(today) && !dateOf(e.occurredAt()).isAfter(last)) {
                out.add(Finding.onRow(ExceptionCode.LATE_EVENT, e.source(), "R17: event dated "
                        + dateOf(e.occurredAt()) + ", on or before the last completed business date " + last
                        + "; applied at its own date").event(e.eventId()).values("after " + last, e.occurredAt().toString()));
            }
        }
    }
}
