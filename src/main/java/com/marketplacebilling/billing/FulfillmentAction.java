package com.marketplacebilling.billing;

import java.util.Locale;

/** Operations a publisher reports through the SaaS Fulfillment API. Matched case-insensitively. */
public enum FulfillmentAction {
    LICENSES_ASSIGNED("LicensesAssigned"), ACTIVATE("Activate"), CHANGE_PLAN("ChangePlan"),
    CHANGE_QUANTITY("ChangeQuantity"), SUSPEND("Suspend"), REINSTATE("Reinstate"),
    UNSUBSCRIBE("Unsubscribe"), RENEW("Renew");

    private final String feedName;

    FulfillmentAction(String feedName) { this.feedName = feedName; }

    public String feedName() { return feedName; }

    public boolean requiresPlan() { return this == ACTIVATE || this == CHANGE_PLAN; }

    public boolean requiresQuantity() { return this == LICENSES_ASSIGNED || this == CHANGE_QUANTITY; }

    public boolean allowsQuantity() { return requiresQuantity() || this == ACTIVATE; }

    public static FulfillmentAction parse(String s) {
        String wanted = s.toLowerCase(Locale.ROOT);
        for (FulfillmentAction v : values()) {
            if (v.feedName.toLowerCase(Locale.ROOT).equals(wanted)) return v;
        }
        throw new IllegalArgumentException("unknown action");
    }
}
