package com.marketplacebilling.billing;

/** The closed set of invoice line types, named as in the Partner Center reconciliation file. */
public enum ChargeType {
    NEW("new"), RENEW("renew"), CYCLE_CHARGE("cycleCharge"), ADD_QUANTITY("addQuantity"),
    REMOVE_QUANTITY("removeQuantity"), CONVERT("convert"), CANCEL_IMMEDIATE("cancelImmediate");

    private final String feedName;

    ChargeType(String feedName) { this.feedName = feedName; }

    public String feedName() { return feedName; }

    public static ChargeType parse(String s) {
        for (ChargeType v : values()) {
            if (v.feedName.equals(s)) return v;
        }
        throw new IllegalArgumentException("unknown charge type " + s);
    }
}
