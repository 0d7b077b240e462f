package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** R1, R2: a subscription without both LicensesAssigned and Activate is not billed; 30 days after the order, raised. */
final class PendingActivation {
    private PendingActivation() {}

    static List<ProposedItem> propose(SubscriptionFacts f) {
        CommerceVersion first = f.established();
        if (f.billable() || f.commerce().cancellation() != null) return List.of();
        LocalDate due = dateOf(first.orderedAt().plus(Duration.ofDays(30)));
        List<ProposedItem> out = new ArrayList<>(2);
        out.add(new ProposedItem.ReviewOn(due));
        if (!f.today().isBefore(due)) {
            out.add(new ProposedItem.Raised(Finding.of(ExceptionCode.PENDING_ACTIVATION_TIMEOUT,
                    ExceptionIds.ofSubscription(ExceptionCode.PENDING_ACTIVATION_TIMEOUT, f.subscriptionId()),
                    "R2: ordered " + first.orderedAt() + " and still not both licences assigned and activated"
                            + " by the publisher; not billed").values("LicensesAssigned and Activate", missingFacts(f))));
        }
        return out;
    }

    private static String missingFacts(SubscriptionFacts f) {
        boolean assigned = false;
        boolean activated = false;
        for (FulfillmentEvent e : f.fulfillment().operations()) {
            if (e.status() != OperationStatus.SUCCEEDED) continue;
            assigned |= e.action() == FulfillmentAction.LICENSES_ASSIGNED;
            activated |= e.action() == FulfillmentAction.ACTIVATE;
        }
        return assigned ? "no Activate" : activated ? "no LicensesAssigned" : "neither";
    }
}
