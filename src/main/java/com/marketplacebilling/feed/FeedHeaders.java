package com.marketplacebilling.feed;

import java.util.List;

/** Column names of the two input feeds, in the order of the tables in feeds.md. */
public final class FeedHeaders {
    private FeedHeaders() {}

    // subscriptions.csv
    public static final String SUBSCRIPTION_ID = "subscription_id";
    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String CUSTOMER_COUNTRY = "customer_country";
    public static final String RESELLER_MPN_ID = "reseller_mpn_id";
    public static final String PUBLISHER_ID = "publisher_id";
    public static final String PUBLISHER_NAME = "publisher_name";
    public static final String OFFER_ID = "offer_id";
    public static final String PLAN_ID = "plan_id";
    public static final String FRIENDLY_NAME = "friendly_name";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unit_price";
    public static final String CURRENCY = "currency";
    public static final String TERM = "term";
    public static final String BILLING_FREQUENCY = "billing_frequency";
    public static final String AUTO_RENEW = "auto_renew";
    public static final String STATUS = "status";
    public static final String ORDERED_AT = "ordered_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String CANCELLED_AT = "cancelled_at";

    // fulfillment-events.csv (subscription_id, publisher_id, plan_id, quantity, status as above)
    public static final String EVENT_ID = "event_id";
    public static final String ACTION = "action";
    public static final String OCCURRED_AT = "occurred_at";

    /** Every column of subscriptions.csv in contract order. */
    public static final List<String> COMMERCE_COLUMNS = List.of(SUBSCRIPTION_ID, ORDER_ID, CUSTOMER_ID,
            CUSTOMER_NAME, CUSTOMER_COUNTRY, RESELLER_MPN_ID, PUBLISHER_ID, PUBLISHER_NAME, OFFER_ID, PLAN_ID,
            FRIENDLY_NAME, QUANTITY, UNIT_PRICE, CURRENCY, TERM, BILLING_FREQUENCY, AUTO_RENEW, STATUS,
            ORDERED_AT, UPDATED_AT, CANCELLED_AT);

    /** The header line of subscriptions.csv as the contract writes it (no line break). */
    public static final String COMMERCE_HEADER = String.join(",", COMMERCE_COLUMNS);

    /**
     * Columns of subscriptions.csv whose value may be empty; the header may also omit them (then every row
     * reads them as empty).
     */
    public static final List<String> COMMERCE_OPTIONAL = List.of(CUSTOMER_COUNTRY, RESELLER_MPN_ID,
            FRIENDLY_NAME, CANCELLED_AT);

    /** Columns the header of subscriptions.csv must have. */
    public static final List<String> COMMERCE_REQUIRED = COMMERCE_COLUMNS.stream()
            .filter(c -> !COMMERCE_OPTIONAL.contains(c)).toList();

    /** Every column of fulfillment-events.csv in contract order. */
    public static final List<String> FULFILLMENT_COLUMNS = List.of(EVENT_ID, SUBSCRIPTION_ID, PUBLISHER_ID,
            ACTION, OCCURRED_AT, PLAN_ID, QUANTITY, STATUS);

    /** The header line of fulfillment-events.csv as the contract writes it (no line break). */
    public static final String FULFILLMENT_HEADER = String.join(",", FULFILLMENT_COLUMNS);

    /** Columns of fulfillment-events.csv whose value depends on the action; the header may omit them. */
    public static final List<String> FULFILLMENT_OPTIONAL = List.of(PLAN_ID, QUANTITY);

    /** Columns the header of fulfillment-events.csv must have. */
    public static final List<String> FULFILLMENT_REQUIRED = FULFILLMENT_COLUMNS.stream()
            .filter(c -> !FULFILLMENT_OPTIONAL.contains(c)).toList();
}
