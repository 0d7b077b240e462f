package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.FeedHeaders.*;

import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.Term;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Column rules of subscriptions.csv (feeds.md, Input 1), checked in the order of the contract's table. */
final class CommerceRowParser implements RowParser<CommerceVersion> {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern MPN_ID = Pattern.compile("[0-9]{1,10}");

    @Override
    public String fileName() {
        return SourceRef.COMMERCE_FILE;
    }

    @Override
    public List<String> columns() {
        return COMMERCE_COLUMNS;
    }

    @Override
    public List<String> required() {
        return COMMERCE_REQUIRED;
    }

    @Override
    public CommerceVersion parse(Row row) {
        String subscriptionId = row.id(SUBSCRIPTION_ID);
        String orderId = row.id(ORDER_ID);
        String customerId = row.id(CUSTOMER_ID);
        String customerName = row.text(CUSTOMER_NAME, 1, 255);

        String customerCountry = row.get(CUSTOMER_COUNTRY);
        if (!customerCountry.isEmpty() && !COUNTRY.matcher(customerCountry).matches()) {
            row.warn(ExceptionCode.INVALID_CUSTOMER_COUNTRY, CUSTOMER_COUNTRY,
                    "must be two upper-case letters (ISO 3166-1 alpha-2); the row is billed with it blank",
                    "[A-Z]{2}", subscriptionId, customerId, "");
            customerCountry = "";
        }
        String resellerMpnId = row.get(RESELLER_MPN_ID);
        if (!resellerMpnId.isEmpty() && !MPN_ID.matcher(resellerMpnId).matches()) {
            row.warn(ExceptionCode.INVALID_RESELLER_MPN_ID, RESELLER_MPN_ID,
                    "must be 1 to 10 digits (the indirect reseller's MPN ID); the row is billed with it blank",
                    "[0-9]{1,10}", subscriptionId, customerId, "");
            resellerMpnId = "";
        }

        String publisherId = row.text(PUBLISHER_ID, 1, 64);
        String publisherName = row.text(PUBLISHER_NAME, 1, 255);
        String offerId = row.text(OFFER_ID, 1, 64);
        String planId = row.text(PLAN_ID, 1, 64);
        String friendlyName = row.text(FRIENDLY_NAME, 0, 255);
        int quantity = row.quantity(QUANTITY);
        BigDecimal unitPrice = row.decimal(UNIT_PRICE);
        String currency = row.currency(CURRENCY);
        Term term = row.choice(TERM, Term::parse, "must be P1M or P1Y", "P1M|P1Y");
        BillingFrequency frequency = row.choice(BILLING_FREQUENCY, BillingFrequency::parse,
                "must be monthly or annual", "monthly|annual");
        if (frequency == BillingFrequency.ANNUAL && term != Term.P1Y) {
            throw row.fail(BILLING_FREQUENCY, "annual is allowed only with term P1Y (term is " + term + ")",
                    "monthly (term " + term + ")", row.get(BILLING_FREQUENCY));
        }
        boolean autoRenew = row.choice(AUTO_RENEW, CommerceRowParser::parseBoolean,
                "must be true or false (lower case)", "true|false");
        CommerceStatus status = row.choice(STATUS, CommerceStatus::parse,
                "must be pending, active, suspended or cancelled", "pending|active|suspended|cancelled");

        Instant orderedAt = row.instant(ORDERED_AT);
        Instant updatedAt = row.instant(UPDATED_AT);
        row.notBefore(UPDATED_AT, updatedAt, ORDERED_AT, orderedAt);
        row.notAfterBusinessDate(UPDATED_AT, updatedAt);

        Instant cancelledAt = null;
        String cancelledText = row.get(CANCELLED_AT);
        if (status == CommerceStatus.CANCELLED) {
            if (cancelledText.isEmpty()) {
                throw row.fail(CANCELLED_AT, "is required when status is cancelled", "ISO_OFFSET_DATE_TIME", "");
            }
            cancelledAt = row.instant(CANCELLED_AT);
            row.notBefore(CANCELLED_AT, cancelledAt, ORDERED_AT, orderedAt);
        } else if (!cancelledText.isEmpty()) {
            throw row.fail(CANCELLED_AT, "must be empty unless status is cancelled (status is "
                    + status.feedName() + ")", "empty", cancelledText);
        }

        return new CommerceVersion(subscriptionId, orderId, customerId, customerName, customerCountry,
                resellerMpnId, publisherId, publisherName, offerId, planId, friendlyName, quantity, unitPrice,
                currency, term, frequency, autoRenew, status, orderedAt, updatedAt, cancelledAt, row.source);
    }

    private static Boolean parseBoolean(String s) {
        return switch (s) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("auto_renew must be true or false");
        };
    }
}
