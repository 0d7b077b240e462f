package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;
import static com.marketplacebilling.billing.Instants.endOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** R13: a suspension still going on 30 days after it began is raised once. */
final class SuspensionGrace {
    private SuspensionGrace() {}

    static List<ProposedItem> propose(SubscriptionFacts f) {
        FulfillmentEvent e = f.fulfillment().lastSuspendOrReinstateBefore(endOf(f.today()));
        if (e == null || e.action() != FulfillmentAction.SUSPEND) return List.of();
        LocalDate due = dateOf(e.occurredAt()).plusDays(30);
        List<ProposedItem> out = new ArrayList<>(2);
        out.add(new ProposedItem.ReviewOn(due));
        if (!f.today().isBefore(due)) {
            out.add(new ProposedItem.Raised(Finding.of(ExceptionCode.SUSPENDED_OVER_GRACE,
                    ExceptionIds.ofSubscription(ExceptionCode.SUSPENDED_OVER_GRACE, f.subscriptionId(), e.eventId()),
                    "R13: suspended since " + e.occurredAt() + ", 30 days or more").event(e.eventId())
                    .values("reinstated or cancelled", "suspended")));
        }
        return out;
    }
}
