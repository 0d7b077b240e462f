package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.Feeds.D;
import static com.marketplacebilling.feed.Feeds.accepted;
import static com.marketplacebilling.feed.Feeds.commerceRow;
import static com.marketplacebilling.feed.Feeds.rejected;
import static com.marketplacebilling.feed.Feeds.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.Hashes;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.Term;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row rules of subscriptions.csv (feeds.md, Input 1). */
class CommerceFeedTest {

    @TempDir
    Path dir;

    private ParsedRow<CommerceVersion> single(LinkedHashMap<String, String> row) {
        List<ParsedRow<CommerceVersion>> rows = Feeds.commerce(dir, Feeds.csv(List.of(row)));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private CommerceVersion accept(String column, String value) {
        ParsedRow<CommerceVersion> row = single(with(commerceRow(), column, value));
        CommerceVersion v = accepted(row);
        assertEquals(List.of(), ((ParsedRow.Accepted<CommerceVersion>) row).warnings());
        return v;
    }

    private BillingException reject(LinkedHashMap<String, String> row, String column) {
        BillingException e = rejected(single(row));
        assertEquals(ExceptionCode.MALFORMED_ROW, e.code());
        assertTrue(e.message().startsWith("column \"" + column + "\": "), e.message());
        return e;
    }

    private BillingException reject(String column, String value) {
        return reject(with(commerceRow(), column, value), column);
    }

    @Test
    void validFileParsesToExpectedRecords() {
        LinkedHashMap<String, String> cancelled = commerceRow();
        cancelled.put("subscription_id", "S_2");
        cancelled.put("customer_country", "");
        cancelled.put("reseller_mpn_id", "");
        cancelled.put("friendly_name", "");
        cancelled.put("quantity", "300");
        cancelled.put("unit_price", "1200");
        cancelled.put("currency", "JPY");
        cancelled.put("term", "P1Y");
        cancelled.put("billing_frequency", "annual");
        cancelled.put("auto_renew", "false");
        cancelled.put("status", "cancelled");
        cancelled.put("cancelled_at", "2026-11-24T01:00:00+02:00");
        List<ParsedRow<CommerceVersion>> rows = Feeds.commerce(dir, Feeds.csv(List.of(commerceRow(), cancelled)));

        assertEquals(2, rows.size());
        assertEquals(new CommerceVersion("sub-001", "ord-001", "cust-001", "Contoso, Ltd.", "DE", "1234567", "pub-1",
                "Fabrikam", "offer-1", "plan-basic", "Team seats", 10, new BigDecimal("10.08"), "EUR", Term.P1M,
                BillingFrequency.MONTHLY, true, CommerceStatus.ACTIVE, Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-24T10:15:00Z"), null, new SourceRef(D, "subscriptions.csv", 2)),
                accepted(rows.get(0)));
        assertEquals(new CommerceVersion("S_2", "ord-001", "cust-001", "Contoso, Ltd.", "", "", "pub-1",
                "Fabrikam", "offer-1", "plan-basic", "", 300, new BigDecimal("1200"), "JPY", Term.P1Y,
                BillingFrequency.ANNUAL, false, CommerceStatus.CANCELLED, Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-24T10:15:00Z"), Instant.parse("2026-11-23T23:00:00Z"),
                new SourceRef(D, "subscriptions.csv", 3)), accepted(rows.get(1)));
    }

    // --- identifiers -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"subscription_id", "order_id", "customer_id"})
    void idAccepts64CharsOfTheAlphabet(String column) {
        String id = "A".repeat(30) + "z9-_" + "0".repeat(30);
        assertEquals(64, id.length());
        CommerceVersion v = accept(column, id);
        assertEquals(id, switch (column) {
            case "subscription_id" -> v.subscriptionId();
            case "order_id" -> v.orderId();
            default -> v.customerId();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"subscription_id", "order_id", "customer_id"})
    void idRejects65Chars(String column) {
        BillingException e = reject(column, "a".repeat(65));
        assertEquals("column \"" + column + "\": " + Row.ID_RULE, e.message());
        assertEquals(Row.ID_EXPECTED, e.expected());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-abc", "_abc", "", "ab c", " abc", "abc ", "süb", "a.b", "a/b"})
    void idMustStartWithLetterOrDigitAndUseOnlyTheAlphabet(String id) {
        reject("subscription_id", id);
        reject("order_id", id);
        reject("customer_id", id);
    }

    // --- text ------------------------------------------------------------------------------------

    @Test
    void customerNameIs1To255Chars() {
        assertEquals("é".repeat(255), accept("customer_name", "é".repeat(255)).customerName());
        reject("customer_name", "x".repeat(256));
        reject("customer_name", "");
    }

    @Test
    void customerNameRejectsControlCharacters() {
        BillingException e = reject("customer_name", "Contoso\tLtd");
        assertEquals("column \"customer_name\": contains a control character or invalid UTF-8 byte", e.message());
        assertEquals("Contoso?Ltd", e.actual());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"publisher_id", "offer_id", "plan_id"})
    void publisherOfferPlanIdsAre1To64AnyChars(String column) {
        accept(column, "x".repeat(64));
        accept(column, "Any chars: ä/ü.ß, \"quoted\" & more");
        reject(column, "x".repeat(65));
        reject(column, "");
    }

    @Test
    void publisherNameIs1To255Chars() {
        accept("publisher_name", "p".repeat(255));
        reject("publisher_name", "p".repeat(256));
        reject("publisher_name", "");
    }

    @Test
    void friendlyNameIs0To255Chars() {
        assertEquals("", accept("friendly_name", "").friendlyName());
        assertEquals("f".repeat(255), accept("friendly_name", "f".repeat(255)).friendlyName());
        reject("friendly_name", "f".repeat(256));
    }

    // --- optional codes blanked with a warning ---------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"de", "DEU", "D", "D1", " DE"})
    void customerCountryNotTwoUpperCaseLettersIsBlankedWithWarning(String country) {
        ParsedRow<CommerceVersion> row = single(with(commerceRow(), "customer_country", country));
        assertEquals("", accepted(row).customerCountry());
        List<BillingException> warnings = ((ParsedRow.Accepted<CommerceVersion>) row).warnings();
        assertEquals(1, warnings.size());
        BillingException w = warnings.get(0);
        assertEquals(ExceptionCode.INVALID_CUSTOMER_COUNTRY, w.code());
        assertEquals(Hashes.id("E-", D.toString(), "INVALID_CUSTOMER_COUNTRY", "subscriptions.csv", "2"),
                w.exceptionId());
        assertEquals("sub-001", w.subscriptionId());
        assertEquals("cust-001", w.customerId());
        assertEquals("subscriptions.csv", w.sourceFile());
        assertEquals(2, w.sourceLine());
        assertEquals(country, w.actual());
        assertTrue(w.message().startsWith("column \"customer_country\": "), w.message());
    }

    @Test
    void customerCountryEmptyOrTwoUpperCaseLettersIsKept() {
        assertEquals("", accept("customer_country", "").customerCountry());
        assertEquals("FR", accept("customer_country", "FR").customerCountry());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12345678901", "12a", "-1", " 1", "MPN1"})
    void resellerMpnIdNot1To10DigitsIsBlankedWithWarning(String mpn) {
        ParsedRow<CommerceVersion> row = single(with(commerceRow(), "reseller_mpn_id", mpn));
        assertEquals("", accepted(row).resellerMpnId());
        List<BillingException> warnings = ((ParsedRow.Accepted<CommerceVersion>) row).warnings();
        assertEquals(1, warnings.size());
        assertEquals(ExceptionCode.INVALID_RESELLER_MPN_ID, warnings.get(0).code());
        assertEquals(Hashes.id("E-", D.toString(), "INVALID_RESELLER_MPN_ID", "subscriptions.csv", "2"),
                warnings.get(0).exceptionId());
    }

    @Test
    void resellerMpnIdOf1To10DigitsIsKept() {
        assertEquals("1234567890", accept("reseller_mpn_id", "1234567890").resellerMpnId());
        assertEquals("7", accept("reseller_mpn_id", "7").resellerMpnId());
        assertEquals("", accept("reseller_mpn_id", "").resellerMpnId());
    }

    @Test
    void bothWarningsOnOneRowHaveDistinctIds() {
        LinkedHashMap<String, String> row = with(with(commerceRow(), "customer_country", "xx"), "reseller_mpn_id", "x");
        List<BillingException> w = ((ParsedRow.Accepted<CommerceVersion>) single(row)).warnings();
        assertEquals(2, w.size());
        assertTrue(!w.get(0).exceptionId().equals(w.get(1).exceptionId()));
    }

    @Test
    void warningsAreDroppedWhenALaterColumnRejectsTheRow() {
        LinkedHashMap<String, String> row = with(with(commerceRow(), "customer_country", "xx"), "quantity", "0");
        assertEquals(ExceptionCode.MALFORMED_ROW, reject(row, "quantity").code());
    }

    // --- quantity -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "10000001", "-1", "+1", "NaN", "1e3", " 5", "5 ", "1.0", "1,000", "",
            "99999999999999999999", "٣"})
    void quantityMustBeAnIntegerFrom1To10Million(String q) {
        BillingException e = reject("quantity", q);
        assertEquals("column \"quantity\": must be an integer from 1 to 10,000,000 (digits only)", e.message());
        assertEquals(q, e.actual());
    }

    @Test
    void quantityBoundariesAccepted() {
        assertEquals(1, accept("quantity", "1").quantity());
        assertEquals(10_000_000, accept("quantity", "10000000").quantity());
        assertEquals(7, accept("quantity", "007").quantity());
    }

    // --- unit_price -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1.1234567", "-1", "-0.5", "+1", "NaN", "1e3", "1E3", "1,000.00", "1,5", "1.", ".5", "",
            " 1", "1 ", "0x10", "Infinity"})
    void unitPriceMustBeADecimalWithAtMost6Decimals(String price) {
        reject("unit_price", price);
    }

    @Test
    void unitPriceKeepsTheScaleAsWritten() {
        BigDecimal p = accept("unit_price", "10.08").unitPrice();
        assertEquals(new BigDecimal("10.08"), p);
        assertEquals(2, p.scale());
        assertEquals(6, accept("unit_price", "1.123456").unitPrice().scale());
        assertEquals(BigDecimal.ZERO, accept("unit_price", "0").unitPrice());
        assertEquals(3, accept("unit_price", "0.000").unitPrice().scale());
    }

    // --- currency -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"XXX", "XAU", "ABC", "eur", "EURO", "EU", "", " EUR"})
    void currencyMustBeIso4217WithMinorUnits(String currency) {
        reject("currency", currency);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"JPY", "USD", "EUR", "KWD"})
    void currencyKnownToJavaWithFractionDigitsAccepted(String currency) {
        assertEquals(currency, accept("currency", currency).currency());
    }

    // --- term, billing frequency, auto-renew, status --------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"p1m", "P1D", "P12M", "", "P1M "})
    void termMustBeP1MOrP1Y(String term) {
        reject("term", term);
    }

    @Test
    void annualBillingOnlyWithP1Y() {
        BillingException e = reject(with(commerceRow(), "billing_frequency", "annual"), "billing_frequency");
        assertTrue(e.message().contains("P1Y"), e.message());
        CommerceVersion v = accepted(single(with(with(commerceRow(), "term", "P1Y"), "billing_frequency", "annual")));
        assertEquals(BillingFrequency.ANNUAL, v.billingFrequency());
        assertEquals(Term.P1Y, accepted(single(with(commerceRow(), "term", "P1Y"))).term());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Monthly", "yearly", ""})
    void billingFrequencyMustBeMonthlyOrAnnual(String f) {
        reject("billing_frequency", f);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"TRUE", "True", "1", "yes", ""})
    void autoRenewMustBeExactlyTrueOrFalse(String b) {
        reject("auto_renew", b);
    }

    @Test
    void autoRenewFalseAccepted() {
        assertEquals(false, accept("auto_renew", "false").autoRenew());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Active", "ACTIVE", "deleted", ""})
    void statusMustBeOneOfTheFourLowerCaseWords(String s) {
        reject("status", s);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"pending", "active", "suspended"})
    void statusesOtherThanCancelledAccepted(String s) {
        assertEquals(s, accept("status", s).status().feedName());
    }

    // --- instants -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2026-11-24T10:15:00", "2026-11-24", "2026-11-24 10:15:00Z", "1732443300", "",
            " 2026-11-24T10:15:00Z"})
    void timestampsNeedAnIsoOffsetDateTime(String t) {
        reject("ordered_at", t);
        reject("updated_at", t);
    }

    @Test
    void timestampsAreConvertedToUtc() {
        assertEquals(Instant.parse("2026-11-23T22:00:00Z"),
                accept("updated_at", "2026-11-24T03:00:00+05:00").updatedAt());
    }

    @Test
    void updatedAtExactlyTheLastSecondOfDAccepted() {
        assertEquals(Instant.parse("2026-11-24T23:59:59Z"), accept("updated_at", "2026-11-24T23:59:59Z").updatedAt());
        assertEquals(Instant.parse("2026-11-24T23:30:00Z"),
                accept("updated_at", "2026-11-25T00:30:00+01:00").updatedAt());
    }

    @Test
    void updatedAtAfterTheEndOfDRejected() {
        BillingException e = reject("updated_at", "2026-11-25T00:00:00Z");
        assertTrue(e.message().contains("end of the business date 2026-11-24"), e.message());
        reject("updated_at", "2026-11-24T23:30:00-01:00");
    }

    @Test
    void updatedAtBeforeOrderedAtRejected() {
        reject("updated_at", "2026-11-01T09:59:59Z");
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), accept("updated_at", "2026-11-01T10:00:00Z").updatedAt());
    }

    @Test
    void cancelledWithoutCancelledAtRejected() {
        BillingException e = reject(with(commerceRow(), "status", "cancelled"), "cancelled_at");
        assertEquals("column \"cancelled_at\": is required when status is cancelled", e.message());
    }

    @Test
    void cancelledAtOnlyWhenStatusIsCancelled() {
        reject("cancelled_at", "2026-11-20T00:00:00Z");
    }

    @Test
    void cancelledAtNotBeforeOrderedAt() {
        LinkedHashMap<String, String> row = with(commerceRow(), "status", "cancelled");
        reject(with(row, "cancelled_at", "2026-11-01T09:00:00Z"), "cancelled_at");
        reject(with(row, "cancelled_at", "2026-11-20"), "cancelled_at");
        CommerceVersion v = accepted(single(with(row, "cancelled_at", "2026-11-01T10:00:00Z")));
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), v.cancelledAt());
    }

    // --- the exception itself -------------------------------------------------------------------------

    @Test
    void firstFailingColumnInContractOrderIsReported() {
        LinkedHashMap<String, String> row = with(with(with(commerceRow(), "currency", "XXX"), "quantity", "0"),
                "status", "gone");
        reject(row, "quantity");
    }

    @Test
    void malformedRowExceptionCarriesRowIdentity() {
        String longValue = "9".repeat(150) + "\u0001";
        List<ParsedRow<CommerceVersion>> rows = Feeds.commerce(dir,
                Feeds.csv(List.of(commerceRow(), with(commerceRow(), "unit_price", longValue))));
        assertInstanceOf(ParsedRow.Accepted.class, rows.get(0));
        BillingException e = rejected(rows.get(1));
        assertEquals(Hashes.id("E-", "2026-11-24", "MALFORMED_ROW", "subscriptions.csv", "3"), e.exceptionId());
        assertEquals(D, e.businessDate());
        assertEquals(ExceptionCode.MALFORMED_ROW, e.code());
        assertEquals("sub-001", e.subscriptionId());
        assertEquals("cust-001", e.customerId());
        assertEquals("subscriptions.csv", e.sourceFile());
        assertEquals(3, e.sourceLine());
        assertEquals("", e.eventId());
        // the control character is found before the unit_price rule
        assertTrue(e.message().startsWith("column \"unit_price\": contains a control character"), e.message());
        assertEquals("9".repeat(100), e.actual());
    }

    @Test
    void valuesAreNotTrimmed() {
        reject("quantity", " 5");
        assertEquals(" Contoso ", accept("customer_name", " Contoso ").customerName());
        assertNull(accept("customer_name", "x").cancelledAt());
    }
}
