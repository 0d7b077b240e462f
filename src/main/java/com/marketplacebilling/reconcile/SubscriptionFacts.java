package com.marketplacebilling.reconcile;

import java.time.LocalDate;

/**
 * What the ledger knows about a subscription that Microsoft charged without a line of ours:
 * whether the commerce feed ever named it, and when (if ever) LicensesAssigned and Activate arrived.
 */
public record SubscriptionFacts(boolean namedByCommerce, LocalDate firstLicensesAssigned, LocalDate firstActivate) {

    public static final SubscriptionFacts UNKNOWN = new SubscriptionFacts(false, null, null);

    /** R1: billable once both LicensesAssigned and Activate arrived; true when not yet billable on {@code day}. */
    public boolean notBillableOn(LocalDate day) {
        if (firstLicensesAssigned == null || firstActivate == null) return true;
        LocalDate billable = firstLicensesAssigned.isAfter(firstActivate) ? firstLicensesAssigned : firstActivate;
        return day.isBefore(billable);
    }
}
