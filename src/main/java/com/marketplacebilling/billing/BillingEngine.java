package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;
import static com.marketplacebilling.billing.Instants.endOf;
import static com.marketplacebilling.billing.Instants.startOf;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The billing core: one subscription's history in, the lines and exceptions this run adds out.
 *
 * <p>Like Kill Bill's invoice generator it computes everything that should have been billed by the end of
 * the business date, from the facts known then, and subtracts what is already billed (by stable LineId). So
 * catch-up after skipped dates, reruns after a crash and late facts need no special path: a line is billed
 * once, on the first run that finds it due, with its true service dates. Billed lines are final (R17).
 */
public final class BillingEngine {
    public BillingResult bill(SubscriptionHistory history, RunContext ctx) {
        return new Walk(history, ctx).run();
    }

    /** The state of one computation. */
    private static final class Walk {
        private final SubscriptionHistory h;
        private final RunContext ctx;
        private final LocalDate today;
        private final Map<String, InvoiceLine> expected = new LinkedHashMap<>();
        /**
         * The explanation of each expected line, by LineId; built only for the lines this run adds (most expected
         * lines are billed already).
         */
        private final Map<String, java.util.function.Supplier<LineExplanation>> explained = new java.util.HashMap<>();
        private final Map<String, BillingException> raised = new LinkedHashMap<>();
        private CommerceTimeline commerce;
        private FulfillmentLog fulfillment;
        private ChargeSchedule schedule;
        private LocalDate billingStart;
        /** How often each change was seen on its day (see changeKey). */
        private final Map<String, Integer> changesSeen = new java.util.HashMap<>();
        /** Last billable day once known (inclusive), else null. */
        private LocalDate end;
        /** The first date after today on which the outcome may change without new facts; null: never. */
        private LocalDate nextReview;

        Walk(SubscriptionHistory h, RunContext ctx) {
            this.h = h;
            this.ctx = ctx;
            this.today = ctx.businessDate();
        }

        BillingResult run() {
            commerce = CommerceTimeline.of(h.versions());
            String publisher = commerce.isEmpty() ? null : commerce.stateAtEndOf(today).publisherId();
            fulfillment = FulfillmentLog.of(h.events(), publisher);
            raiseRowVerdicts();
            if (commerce.isEmpty()) {
                for (FulfillmentEvent op : fulfillment.operations()) {
                    raise(ExceptionCode.UNKNOWN_SUBSCRIPTION, ExceptionIds.ofSubscription(
                                    ExceptionCode.UNKNOWN_SUBSCRIPTION, h.subscriptionId(), op.eventId()), op.source(), op.eventId(),
                            "R17: the commerce feed never named this subscription; the event is kept and applied"
                                    + " if it appears later", "", "");
                }
                return result(List.of());
            }
            Instant start = fulfillment.billingStart();
            if (start == null) {
                pendingTimeout();
            } else {
                billingStart = billedStart(dateOf(start));
                schedule = ChargeSchedule.of(billingStart, commerce.established().term(),
                        commerce.established().billingFrequency());
                billLife();
            }
            suspensionGrace();
            reconcile();
            if (commerce.quarantined()) return result(List.of()); // R18: nothing while it lasts
            List<InvoiceLine> fresh = new ArrayList<>();
            Set<String> billed = new HashSet<>();
            for (InvoiceLine l : h.billedLines()) billed.add(l.lineId());
            for (InvoiceLine l : expected.values()) {
                if (!billed.contains(l.lineId())) fresh.add(l);
            }
            return result(fresh);
        }

        /**
         * R17: billed lines are final, so once a {@code new} line is billed its start is S for good. A late
         * LicensesAssigned/Activate dated earlier would otherwise re-anchor every cycle and bill a second
         * {@code new} (our choice: the billed anchor wins; the late fact only raises LATE_EVENT).
         */
        private LocalDate billedStart(LocalDate fromFacts) {
            for (InvoiceLine l : h.billedLines()) {
                if (l.chargeType() == ChargeType.NEW) return l.chargeStartDate();
            }
            return fromFacts;
        }

        /**
         * R17: true when the scheduled line of cycle j is already billed. Its decision (renewed, charged rather
         * than skipped) is then final: a late Suspend, auto-renew switch or the like changes only what is billed
         * from now on, so the cycle still counts as charged (change pairs adjust it, a reinstatement does not
         * charge it twice).
         */
        private boolean alreadyBilled(ChargeCycle cycle, int j) {
            for (ChargeType type : new ChargeType[] {ChargeType.RENEW, ChargeType.CYCLE_CHARGE}) {
                String id = scheduledId(type, cycle, cycle.start(), "cycle:" + j);
                for (InvoiceLine l : h.billedLines()) {
                    if (l.lineId().equals(id)) return true;
                }
            }
            return false;
        }

        private BillingResult result(List<InvoiceLine> lines) {
            List<BillingException> fresh = new ArrayList<>();
            for (BillingException e : raised.values()) {
                if (!h.raisedExceptionIds().contains(e.exceptionId())) fresh.add(e);
            }
            List<LineExplanation> why = new ArrayList<>(lines.size());
            for (InvoiceLine l : lines) why.add(explained.get(l.lineId()).get());
            return new BillingResult(h.subscriptionId(), lines, fresh, nextReview, why);
        }

        // ---- the life of a billable subscription -------------------------------------------------------

        private void billLife() {
            CommerceVersion first = commerce.established();
            CommerceVersion cancel = commerce.cancellation();
            LocalDate cancelDate = cancel == null ? null : dateOf(cancel.cancelledAt());
            if (cancelDate != null && cancelDate.isBefore(billingStart)) {
                end = billingStart.minusDays(1); // R10: cancelled before S, no lines ever
                return;
            }
            boolean inWindow = cancel != null && CancellationWindow.isInWindow(first.orderedAt(),
                    cancel.cancelledAt(), first.billingFrequency(), ctx.policy().cancellationLegacyUntil());
            if (cancel != null) {
                end = inWindow ? cancelDate : schedule.termOn(cancelDate).end();
                if (!inWindow) {
                    Duration w = CancellationWindow.length(first.orderedAt(), first.billingFrequency(),
                            ctx.policy().cancellationLegacyUntil());
                    raise(ExceptionCode.CANCELLED_OUTSIDE_WINDOW,
                            ExceptionIds.ofSubscription(ExceptionCode.CANCELLED_OUTSIDE_WINDOW, h.subscriptionId(),
                                    cancel.contentKey()),
                            cancel.source(), "",
                            "R10: cancelled " + human(Duration.between(first.orderedAt(), cancel.cancelledAt()))
                                    + " after the order, outside the " + human(w) + " window: no refund, billed to "
                                    + end + ", no renewal", "before " + first.orderedAt().plus(w),
                            cancel.cancelledAt().toString());
                }
            }
            walk(inWindow ? cancel : null);
            if (inWindow && !cancelDate.isAfter(today)) reverseEverything(cancelDate);
            if (inWindow && cancelDate.isAfter(today)) reviewOn(cancelDate);
        }

        /** R4–R9, R11, R13: scheduled lines and change pairs in day order (scheduled first on a tie). */
        private void walk(CommerceVersion inWindowCancel) {
            CommerceVersion atStart = commerce.stateAtEndOf(billingStart);
            BigDecimal termPrice = atStart.unitPrice();
            Set<Integer> charged = new HashSet<>();
            scheduled(ChargeType.NEW, schedule.cycle(0), billingStart, atStart, termPrice, "cycle:0",
                    LineExplanation.Rule.R4_NEW, fulfillment.billingStartEvents());
            charged.add(0);

            List<CommerceVersion> changes = new ArrayList<>();
            for (CommerceVersion v : commerce.applied()) {
                if (inWindowCancel != null && !v.updatedAt().isBefore(inWindowCancel.updatedAt())) break;
                if (dateOf(v.updatedAt()).isAfter(billingStart) && v != commerce.established()) changes.add(v);
            }
            int j = 1;
            int vi = 0;
            ChargeCycle skipped = null;
            FulfillmentEvent reinstate = null;
            while (true) {
                ChargeCycle cycle = schedule.cycle(j);
                LocalDate versionDay = vi < changes.size() ? dateOf(changes.get(vi).updatedAt()) : null;
                LocalDate reinstateDay = reinstate == null ? null : dateOf(reinstate.occurredAt());
                LocalDate next = min(cycle.start(), min(versionDay, reinstateDay));
                if (next.isAfter(today) || (end != null && next.isAfter(end))) {
                    if (end == null || !next.isAfter(end)) reviewOn(next); // the next cycle, change or reinstatement
                    break;
                }
                if (next.equals(cycle.start())) {
                    boolean billedAlready = alreadyBilled(cycle, j);
                    if (schedule.startsTerm(j)) {
                        CommerceVersion st = commerce.stateAtStartOf(cycle.start());
                        CommerceVersion cancel = commerce.cancellation();
                        boolean cancelled = cancel != null && cancel.updatedAt().isBefore(startOf(cycle.start()));
                        if (!billedAlready
                                && (cancelled || !st.autoRenew() || fulfillment.suspendedAtStartOf(cycle.start()))) {
                            end = cycle.start().minusDays(1); // R11, R13: the term ends, no renewal
                            break;
                        }
                        termPrice = st.unitPrice(); // R6, R9: a new term takes the price in force
                        scheduled(ChargeType.RENEW, cycle, cycle.start(), st, termPrice, "cycle:" + j,
                                LineExplanation.Rule.R6_RENEW, List.of());
                        charged.add(j);
                    } else if (!billedAlready && fulfillment.suspendedAtStartOf(cycle.start())) {
                        reinstate = fulfillment.firstReinstateBetween(cycle.start(), cycle.end()); // R13
                        skipped = cycle;
                    } else {
                        scheduled(ChargeType.CYCLE_CHARGE, cycle, cycle.start(),
                                commerce.stateAtStartOf(cycle.start()), termPrice, "cycle:" + j,
                                LineExplanation.Rule.R5_CYCLE_CHARGE, List.of());
                        charged.add(j);
                    }
                    j++;
                } else if (next.equals(reinstateDay)) {
                    scheduled(ChargeType.CYCLE_CHARGE, skipped, reinstateDay, commerce.stateAtStartOf(reinstateDay),
                            termPrice, "reinstate:" + reinstate.eventId(), LineExplanation.Rule.R13_REINSTATED_CYCLE,
                            List.of(reinstate));
                    charged.add(skipped.index());
                    reinstate = null;
                } else {
                    CommerceVersion v = changes.get(vi++);
                    termPrice = change(v, termPrice, charged);
                }
            }
        }

        /** R7, R8, R9 for one version effective after S; returns the term price from now on. */
        private BigDecimal change(CommerceVersion v, BigDecimal termPrice, Set<Integer> charged) {
            CommerceVersion old = commerce.previous(v);
            LocalDate day = dateOf(v.updatedAt());
            ChargeCycle cycle = schedule.cycleOn(day);
            // a pair adjusts a charged cycle only: a cycle skipped while suspended has nothing to credit
            boolean adjustable = charged.contains(cycle.index());
            if (!old.planId().equals(v.planId())) {
                if (adjustable) {
                    pair(LineExplanation.Rule.R8_PLAN_CHANGE, ChargeType.CONVERT, cycle, day, v,
                            changeKey(day, "plan " + old.planId() + ">" + v.planId()
                                    + " q" + old.quantity() + ">" + v.quantity()), old.planId(), termPrice,
                            old.quantity(), v.planId(), v.unitPrice(), v.quantity());
                }
                return v.unitPrice(); // R8: the new plan's price holds for the rest of the term
            }
            if (old.quantity() != v.quantity() && adjustable) {
                ChargeType type = v.quantity() > old.quantity() ? ChargeType.ADD_QUANTITY : ChargeType.REMOVE_QUANTITY;
                pair(LineExplanation.Rule.R7_SEAT_CHANGE, type, cycle, day, v,
                        changeKey(day, "q" + old.quantity() + ">" + v.quantity()), old.planId(),
                        termPrice, old.quantity(), v.planId(), termPrice, v.quantity());
            }
            if (old.unitPrice().compareTo(v.unitPrice()) != 0) {
                raise(ExceptionCode.PRICE_CHANGED_MID_TERM,
                        ExceptionIds.ofSubscription(ExceptionCode.PRICE_CHANGED_MID_TERM, h.subscriptionId(),
                                v.contentKey()), v.source(), "",
                        "R9: unit price changed within the term without a plan change; the term keeps "
                                + termPrice.toPlainString() + " and the new price applies from the next renewal",
                        termPrice.toPlainString(), v.unitPrice().toPlainString());
            }
            return termPrice;
        }

        /**
         * A pair is identified by what changed on which day (and, for the same change repeated that day, its
         * ordinal), not by the commerce row that carried it: so when two versions of one day arrive on
         * different nights in the wrong order, the change already billed is recognised and not billed again.
         */
        private String changeKey(LocalDate day, String change) {
            String key = day + " " + change;
            int ordinal = changesSeen.merge(key, 1, Integer::sum);
            return key + " #" + ordinal;
        }

        /** R10 in window: every line billed so far is reversed, so the subscription nets to zero. */
        private void reverseEverything(LocalDate cancelDate) {
            List<InvoiceLine> toReverse = new ArrayList<>();
            for (InvoiceLine l : h.billedLines()) {
                if (l.chargeType() != ChargeType.CANCEL_IMMEDIATE) toReverse.add(l);
            }
            Set<String> stored = new HashSet<>();
            for (InvoiceLine l : h.billedLines()) stored.add(l.lineId());
            for (InvoiceLine l : List.copyOf(expected.values())) {
                if (!stored.contains(l.lineId()) && l.chargeType() != ChargeType.CANCEL_IMMEDIATE) toReverse.add(l);
            }
            CommerceVersion st = commerce.stateAtEndOf(cancelDate);
            for (InvoiceLine l : toReverse) {
                String lineId = LineIds.reversal(h.subscriptionId(), l.lineId());
                explain(lineId, () -> reversal(lineId, l, cancelDate));
                // the same service days, price and quantity, negated, told to the customer as of the cancellation
                add(l.toBuilder()
                        .invoice(invoiceNumber(cancelDate, st), lineId)
                        .customer(st.customerId(), st.customerName(), st.customerCountry(), st.resellerMpnId())
                        .order(st.orderId(), cancelDate)
                        .publisher(st.publisherId(), st.publisherName())
                        .subscription(h.subscriptionId(), description(st, l.planId()))
                        .charge(ChargeType.CANCEL_IMMEDIATE, l.chargeStartDate(), l.chargeEndDate())
                        .amount(l.unitPrice(), new Money.Amount(l.effectiveUnitPrice(), l.subtotal()).negate(),
                                l.quantity())
                        .referenceId(l.lineId())
                        .build());
            }
        }

        // ---- line construction -----------------------------------------------------------------------

        /** A scheduled charge for {@code from}..cycle end, priced at the term price. */
        private void scheduled(ChargeType type, ChargeCycle cycle, LocalDate from, CommerceVersion st,
                               BigDecimal unitPrice, String source, LineExplanation.Rule rule,
                               List<FulfillmentEvent> events) {
            Money.Amount amount = Money.prorate(unitPrice, cycle.daysFrom(from), cycle.days(), st.quantity(),
                    st.currency(), ctx.policy().rounding());
            CommerceVersion desc = commerce.stateAtEndOf(from);
            String lineId = scheduledId(type, cycle, from, source);
            explain(lineId, () -> explanation(lineId, rule, LineExplanation.Direction.CHARGE, unitPrice, st.quantity(),
                    cycle, from, ctx.policy().rounding(), null, st, events, "", from));
            add(line(lineId, type, from, from, cycle.end(), desc, st.offerId(), st.planId(), unitPrice, amount,
                    st.quantity(), ""));
        }

        private String scheduledId(ChargeType type, ChargeCycle cycle, LocalDate from, String source) {
            return LineIds.of(h.subscriptionId(), type, from, cycle.end(), LineExplanation.Direction.CHARGE, source);
        }

        /** R7/R8: a credit of the old and a charge of the new, both for {@code day}..cycle end. */
        private void pair(LineExplanation.Rule rule, ChargeType type, ChargeCycle cycle, LocalDate day,
                          CommerceVersion v, String change,
                          String oldPlan, BigDecimal oldPrice, int oldQuantity,
                          String newPlan, BigDecimal newPrice, int newQuantity) {
            int remaining = cycle.daysFrom(day);
            Money.Amount credit = Money.prorate(oldPrice, remaining, cycle.days(), oldQuantity, v.currency(),
                    ctx.policy().rounding()).negate();
            Money.Amount charge = Money.prorate(newPrice, remaining, cycle.days(), newQuantity, v.currency(),
                    ctx.policy().rounding());
            CommerceVersion desc = commerce.stateAtEndOf(day);
            String source = "change:" + change;
            String reference = LineIds.reference(h.subscriptionId(), change);
            String creditId = LineIds.of(h.subscriptionId(), type, day, cycle.end(),
                    LineExplanation.Direction.CREDIT, source);
            String chargeId = LineIds.of(h.subscriptionId(), type, day, cycle.end(),
                    LineExplanation.Direction.CHARGE, source);
            LineExplanation.Change what = new LineExplanation.Change(oldPlan, newPlan, oldQuantity, newQuantity);
            explain(creditId, () -> explanation(creditId, rule, LineExplanation.Direction.CREDIT, oldPrice, oldQuantity,
                    cycle, day, ctx.policy().rounding(), what, v, List.of(), "", day));
            explain(chargeId, () -> explanation(chargeId, rule, LineExplanation.Direction.CHARGE, newPrice, newQuantity,
                    cycle, day, ctx.policy().rounding(), what, v, List.of(), "", day));
            add(line(creditId, type, day, day, cycle.end(), desc, desc.offerId(), oldPlan, oldPrice, credit,
                    oldQuantity, reference));
            add(line(chargeId, type, day, day, cycle.end(), desc, desc.offerId(), newPlan, newPrice, charge,
                    newQuantity, reference));
        }

        private InvoiceLine line(String lineId, ChargeType type, LocalDate orderDate, LocalDate from, LocalDate to,
                                 CommerceVersion desc, String offerId, String planId, BigDecimal unitPrice,
                                 Money.Amount amount, int quantity, String referenceId) {
            CommerceVersion first = commerce.established();
            ChargeCycle term = schedule.termOn(from);
            // the immutable fields come from the established version (R12), the descriptive ones as of the line
            return InvoiceLine.builder()
                    .invoice(invoiceNumber(orderDate, desc), lineId)
                    .customer(first.customerId(), desc.customerName(), desc.customerCountry(), desc.resellerMpnId())
                    .order(first.orderId(), orderDate)
                    .publisher(desc.publisherId(), desc.publisherName())
                    .product(offerId, planId)
                    .subscription(h.subscriptionId(), description(desc, planId))
                    .charge(type, from, to)
                    .amount(unitPrice, amount, quantity)
                    .contract(first.currency(), first.term(), first.billingFrequency())
                    .subscriptionTerm(term.start(), term.end())
                    .referenceId(referenceId)
                    .build();
        }

        private void add(InvoiceLine l) { expected.putIfAbsent(l.lineId(), l); }

        private void explain(String lineId, java.util.function.Supplier<LineExplanation> e) {
            explained.putIfAbsent(lineId, e);
        }

        private LineExplanation explanation(String lineId, LineExplanation.Rule rule, LineExplanation.Direction direction,
                                            BigDecimal unitPrice, int quantity, ChargeCycle cycle, LocalDate from,
                                            Rounding rounding, LineExplanation.Change change, CommerceVersion fact,
                                            List<FulfillmentEvent> events, String reverses, LocalDate dueOn) {
            int remaining = cycle.daysFrom(from);
            List<LineExplanation.EventFact> facts = new ArrayList<>(events.size());
            for (FulfillmentEvent e : events) facts.add(LineExplanation.EventFact.of(e));
            return new LineExplanation(lineId, rule, direction, unitPrice, quantity, remaining, cycle.days(),
                    cycle.start(), cycle.end(), rounding, LineExplanation.exact(unitPrice, quantity, remaining, cycle.days()),
                    change, new LineExplanation.CommerceFact(fact.source(), fact.updatedAt()), facts, reverses, dueOn,
                    today);
        }

        /**
         * R10: the reversal of {@code reversed} repeats its proration with the opposite sign. The rounding mode is
         * the one that produced the reversed line: the run's own, unless the line was billed under the other.
         */
        private LineExplanation reversal(String lineId, InvoiceLine reversed, LocalDate cancelDate) {
            ChargeCycle cycle = schedule.cycleOn(reversed.chargeStartDate());
            Rounding rounding = ctx.policy().rounding();
            for (Rounding r : new Rounding[] {rounding, rounding == Rounding.UNIT ? Rounding.LINE : Rounding.UNIT}) {
                Money.Amount a = Money.prorate(reversed.unitPrice(), cycle.daysFrom(reversed.chargeStartDate()),
                        cycle.days(), reversed.quantity(), reversed.currency(), r);
                if (a.subtotal().compareTo(reversed.subtotal().abs()) == 0
                        && a.effectiveUnitPrice().compareTo(reversed.effectiveUnitPrice().abs()) == 0) {
                    rounding = r;
                    break;
                }
            }
            LineExplanation.Direction direction = reversed.isCredit() ? LineExplanation.Direction.CHARGE
                    : LineExplanation.Direction.CREDIT;
            return explanation(lineId, LineExplanation.Rule.R10_REVERSAL, direction, reversed.unitPrice(),
                    reversed.quantity(), cycle, reversed.chargeStartDate(), rounding, null, commerce.cancellation(),
                    List.of(), reversed.lineId(), cancelDate);
        }

        private String invoiceNumber(LocalDate orderDate, CommerceVersion st) {
            return InvoiceNumbers.of(orderDate, ctx.firstOpenMonth(), st.customerId(), st.currency());
        }

        private static String description(CommerceVersion st, String planId) {
            return st.friendlyName().isEmpty() ? planId : st.friendlyName();
        }

        // ---- exceptions ------------------------------------------------------------------------------

        /** Row verdicts of R10/R12/R17, FULFILLMENT_FAILED and LATE_EVENT. */
        private void raiseRowVerdicts() {
            for (CommerceTimeline.Rejection r : commerce.rejections()) {
                rowException(r.code(), r.version().source(), "", r.message(), r.expected(), r.actual());
            }
            for (FulfillmentLog.Rejection r : fulfillment.rejections()) {
                rowException(r.code(), r.row().source(), r.row().eventId(), r.message(), r.expected(), r.actual());
            }
            for (FulfillmentEvent op : fulfillment.operations()) {
                if (op.status() == OperationStatus.FAILED) {
                    raise(ExceptionCode.FULFILLMENT_FAILED,
                            ExceptionIds.ofSubscription(ExceptionCode.FULFILLMENT_FAILED, h.subscriptionId(), op.eventId()), op.source(),
                            op.eventId(), "R17: the publisher reports " + op.action().feedName()
                                    + " failed; nothing changes", OperationStatus.SUCCEEDED.feedName(),
                            OperationStatus.FAILED.feedName());
                }
            }
            LocalDate last = ctx.lastCompletedDate();
            if (last == null) return;
            for (CommerceVersion v : commerce.applied()) {
                if (v.source().businessDate().equals(today) && !dateOf(v.updatedAt()).isAfter(last)) {
                    rowException(ExceptionCode.LATE_EVENT, v.source(), "", "R17: version dated "
                            + dateOf(v.updatedAt()) + ", on or before the last completed business date " + last
                            + "; applied at its own date", "after " + last, v.updatedAt().toString());
                }
            }
            for (FulfillmentEvent e : fulfillment.acceptedRows()) {
                if (e.source().businessDate().equals(today) && !dateOf(e.occurredAt()).isAfter(last)) {
                    rowException(ExceptionCode.LATE_EVENT, e.source(), e.eventId(), "R17: event dated "
                            + dateOf(e.occurredAt()) + ", on or before the last completed business date " + last
                            + "; applied at its own date", "after " + last, e.occurredAt().toString());
                }
            }
        }

        /** R2: still pending 30 days after the order. */
        private void pendingTimeout() {
            CommerceVersion first = commerce.established();
            if (commerce.cancellation() != null) return;
            LocalDate due = dateOf(first.orderedAt().plus(Duration.ofDays(30)));
            reviewOn(due);
            if (!today.isBefore(due)) {
                raise(ExceptionCode.PENDING_ACTIVATION_TIMEOUT,
                        ExceptionIds.ofSubscription(ExceptionCode.PENDING_ACTIVATION_TIMEOUT, h.subscriptionId()), null, "",
                        "R2: ordered " + first.orderedAt() + " and still not both licences assigned and activated"
                                + " by the publisher; not billed", "LicensesAssigned and Activate", missingFacts());
            }
        }

        private String missingFacts() {
            boolean assigned = false;
            boolean activated = false;
            for (FulfillmentEvent e : fulfillment.operations()) {
                if (e.status() != OperationStatus.SUCCEEDED) continue;
                assigned |= e.action() == FulfillmentAction.LICENSES_ASSIGNED;
                activated |= e.action() == FulfillmentAction.ACTIVATE;
            }
            return assigned ? "no Activate" : activated ? "no LicensesAssigned" : "neither";
        }

        /** R13: a suspension still going on 30 days after it began. */
        private void suspensionGrace() {
            FulfillmentEvent e = fulfillment.lastSuspendOrReinstateBefore(endOf(today));
            if (e == null || e.action() != FulfillmentAction.SUSPEND) return;
            LocalDate due = dateOf(e.occurredAt()).plusDays(30);
            reviewOn(due);
            if (!today.isBefore(due)) {
                raise(ExceptionCode.SUSPENDED_OVER_GRACE,
                        ExceptionIds.ofSubscription(ExceptionCode.SUSPENDED_OVER_GRACE, h.subscriptionId(), e.eventId()), null, e.eventId(),
                        "R13: suspended since " + e.occurredAt() + ", 30 days or more", "reinstated or cancelled",
                        "suspended");
            }
        }

        /** R16: compare the two views at the end of the business date, on every run while they differ. */
        private void reconcile() {
            if (!fulfillment.activated()) return;
            if (end != null && end.isBefore(today)) return;
            CommerceVersion st = commerce.stateAtEndOf(today);
            FulfillmentLog.PublisherView pub = fulfillment.viewAt(endOf(today));
            String commerceStatus = switch (st.status()) {
                case ACTIVE -> "Subscribed";
                case SUSPENDED -> "Suspended";
                case CANCELLED -> "Unsubscribed";
                case PENDING -> "PendingFulfillmentStart";
            };
            if (pub.status() != null && !commerceStatus.equals(pub.status())) {
                mismatch(ExceptionCode.STATUS_MISMATCH, "status", st.status().feedName() + " (" + commerceStatus
                        + ")", pub.status());
            }
            if (pub.quantity() != null && pub.quantity() != st.quantity()) {
                mismatch(ExceptionCode.QUANTITY_MISMATCH, "quantity", Integer.toString(st.quantity()),
                        pub.quantity().toString());
            }
            if (pub.planId() != null && !pub.planId().equals(st.planId())) {
                mismatch(ExceptionCode.PLAN_MISMATCH, "plan", st.planId(), pub.planId());
            }
        }

        private void mismatch(ExceptionCode code, String what, String commerceValue, String publisherValue) {
            reviewOn(today.plusDays(1)); // raised again on every run while the views differ
            raise(code, ExceptionIds.ofSubscription(code, h.subscriptionId(), today.toString()), null, "",
                    "R16: the commerce feed says " + what + " " + commerceValue + ", the publisher reports "
                            + publisherValue + " (Expected = commerce, Actual = publisher)",
                    commerceValue, publisherValue);
        }

        private void rowException(ExceptionCode code, SourceRef src, String eventId, String message,
                                  String expected, String actual) {
            raise(code, ExceptionIds.ofRow(src, code), src, eventId, message, expected, actual);
        }

        private void raise(ExceptionCode code, String id, SourceRef src, String eventId, String message,
                           String expected, String actual) {
            String customer = commerce.isEmpty() ? "" : commerce.established().customerId();
            // a row of an earlier date's feed is named with its date, so the manifest of this date
            // counts only its own rows
            String file = src == null ? "" : src.businessDate().equals(today) ? src.file()
                    : src.businessDate() + "/" + src.file();
            raised.putIfAbsent(id, new BillingException(id, today, code, h.subscriptionId(), customer, file,
                    src == null ? 0 : src.line(), eventId, message, expected, actual));
        }

        /** "3 d 4 h 5 min" for messages finance reads. */
        static String human(Duration d) {
            long days = d.toDays();
            String s = (days > 0 ? days + " d " : "") + d.toHoursPart() + " h " + d.toMinutesPart() + " min";
            return s.replace(" 0 min", "").replace(" 0 h", "");
        }

        /** Notes a date on which the outcome may change; dates up to today are already accounted for. */
        private void reviewOn(LocalDate d) {
            if (d.isAfter(today)) nextReview = min(nextReview, d);
        }

        private static LocalDate min(LocalDate a, LocalDate b) {
            if (a == null) return b;
            if (b == null) return a;
            return a.isBefore(b) ? a : b;
        }
    }
}
