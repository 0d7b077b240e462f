package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A small builder of one subscription's facts for rule tests. Each fact arrives on the date it is dated. */
final class Facts {
    final String id;
    private final List<CommerceVersion> versions = new ArrayList<>();
    private final List<FulfillmentEvent> events = new ArrayList<>();
    final List<InvoiceLine> billed = new ArrayList<>();
    final Set<String> raised = new HashSet<>();
    private long line = 2;
    private int eventSeq = 1;

    // current commerce values, changed by the fluent setters
    String orderId = "ord-1";
    String customerId = "cust-1", publisherId = "contoso", planId = "pro", currency = "EUR", friendly = "CRM";
    int quantity = 10;
    BigDecimal unitPrice = new BigDecimal("10.08");
    Term term = Term.P1M;
    BillingFrequency frequency = BillingFrequency.MONTHLY;
    boolean autoRenew = true;
    CommerceStatus status = CommerceStatus.ACTIVE;
    Instant orderedAt;
    Instant cancelledAt;
    LocalDate arrival;

    Facts(String id, String orderedAt) {
        this.id = id;
        this.orderedAt = Instant.parse(orderedAt);
    }

    static Facts subscription(String orderedAt) { return new Facts("sub-1", orderedAt); }

    Facts annual() { term = Term.P1Y; frequency = BillingFrequency.ANNUAL; return this; }

    Facts annualBilledMonthly() { term = Term.P1Y; frequency = BillingFrequency.MONTHLY; return this; }

    Facts price(String p) { unitPrice = new BigDecimal(p); return this; }

    Facts quantity(int q) { quantity = q; return this; }

    Facts currency(String c) { currency = c; return this; }

    Facts plan(String p) { planId = p; return this; }

    Facts autoRenew(boolean b) { autoRenew = b; return this; }

    Facts status(CommerceStatus s) { status = s; return this; }

    Facts orderId(String o) { orderId = o; return this; }

    Facts customer(String c) { customerId = c; return this; }

    Facts orderedAt(String at) { orderedAt = Instant.parse(at); return this; }

    Facts frequency(Term t, BillingFrequency f) { term = t; frequency = f; return this; }

    Facts publisher(String p) { publisherId = p; return this; }

    Facts friendly(String name) { friendly = name; return this; }

    /** Later facts arrive on the date they are dated again (undoes {@link #arriving}). */
    Facts onTime() { arrival = null; return this; }

    /** A fulfillment row from the given publisher (R17 publisher check). */
    Facts eventFrom(String publisher, String eventId, FulfillmentAction action, String occurredAt) {
        String saved = publisherId;
        publisherId = publisher;
        event(eventId, action, occurredAt, OperationStatus.SUCCEEDED, null);
        publisherId = saved;
        return this;
    }

    /** A fulfillment row carrying an explicit plan and quantity (R16 publisher view). */
    Facts eventWith(String eventId, FulfillmentAction action, String occurredAt, OperationStatus st, String plan,
                    Integer qty) {
        Instant at = Instant.parse(occurredAt);
        events.add(new FulfillmentEvent(eventId, id, publisherId, action, at, plan, qty, st,
                src(at, SourceRef.FULFILLMENT_FILE)));
        return this;
    }

    /** Records a commerce version with the current values, effective (and arriving) at the instant. */
    Facts version(String updatedAt) {
        Instant at = Instant.parse(updatedAt);
        versions.add(new CommerceVersion(id, orderId, customerId, "Fabrikam", "DE", "", publisherId,
                "Contoso Ltd", "crm", planId, friendly, quantity, unitPrice, currency, term, frequency, autoRenew,
                status, orderedAt, at, cancelledAt, src(at, SourceRef.COMMERCE_FILE)));
        return this;
    }

    Facts cancel(String cancelledAt) {
        this.status = CommerceStatus.CANCELLED;
        this.cancelledAt = Instant.parse(cancelledAt);
        return version(cancelledAt);
    }

    Facts event(FulfillmentAction action, String occurredAt) {
        return event("evt-" + eventSeq++, action, occurredAt, OperationStatus.SUCCEEDED, null);
    }

    Facts event(String eventId, FulfillmentAction action, String occurredAt, OperationStatus st, Integer qty) {
        Instant at = Instant.parse(occurredAt);
        String plan = action.requiresPlan() ? planId : "";
        events.add(new FulfillmentEvent(eventId, id, publisherId, action, at, plan,
                action.requiresQuantity() && qty == null ? Integer.valueOf(quantity) : qty, st,
                src(at, SourceRef.FULFILLMENT_FILE)));
        return this;
    }

    /** LicensesAssigned and Activate at the same instant: billing starts that day (R1). */
    Facts activated(String at) {
        return event(FulfillmentAction.LICENSES_ASSIGNED, at).event(FulfillmentAction.ACTIVATE, at);
    }

    /** Facts that arrive in the feed of a given business date (late facts). */
    Facts arriving(String date) { arrival = LocalDate.parse(date); return this; }

    private SourceRef src(Instant at, String file) {
        LocalDate d = arrival != null ? arrival : Instants.dateOf(at);
        return new SourceRef(d, file, line++);
    }

    SubscriptionHistory historyAsOf(LocalDate d) {
        return new SubscriptionHistory(id,
                versions.stream().filter(v -> !v.source().businessDate().isAfter(d)).toList(),
                events.stream().filter(e -> !e.source().businessDate().isAfter(d)).toList(),
                List.copyOf(billed), Set.copyOf(raised));
    }

    /** Runs one business date, records what it emitted as billed, and returns the result. */
    BillingResult run(String date, Rounding rounding) {
        return run(date, null, rounding);
    }

    BillingResult run(String date, String lastCompleted, Rounding rounding) {
        return run(date, lastCompleted, new BillingPolicy(rounding, BillingPolicy.DEFAULT_LEGACY_UNTIL));
    }

    BillingResult run(String date, String lastCompleted, BillingPolicy policy) {
        LocalDate d = LocalDate.parse(date);
        RunContext ctx = new RunContext(d, lastCompleted == null ? null : LocalDate.parse(lastCompleted), null,
                policy);
        BillingResult r = new BillingEngine().bill(historyAsOf(d), ctx);
        Show.assertExplained(r); // every rule test checks that each line recomputes from its explanation
        billed.addAll(r.lines());
        r.exceptions().forEach(e -> raised.add(e.exceptionId()));
        return r;
    }

    BillingResult run(String date) { return run(date, Rounding.UNIT); }

    /** Runs every date from..to in order and returns all lines emitted. */
    List<InvoiceLine> runEachDay(String from, String to, Rounding rounding) {
        List<InvoiceLine> all = new ArrayList<>();
        String last = null;
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            all.addAll(run(d.toString(), last, rounding).lines());
            last = d.toString();
        }
        return all;
    }

    /** Runs every date from..to in order (the day before {@code from} counts as completed); all results. */
    List<BillingResult> nights(String from, String to) {
        List<BillingResult> all = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            all.add(run(d.toString(), d.minusDays(1).toString(), Rounding.UNIT));
        }
        return all;
    }

    /** Sum of the subtotals of every line billed so far. */
    BigDecimal net() {
        return billed.stream().map(InvoiceLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
