package com.marketplacebilling.explain;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.Money;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.ledger.ExplainedLine;
import com.marketplacebilling.ledger.ExplanationStore.SubscriptionRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The text {@code bin/billing explain} prints: one line's explanation, or one subscription's story. */
public final class ExplainReports {
    private ExplainReports() {}

    // ---- one line ----------------------------------------------------------------------------------------

    public static String line(ExplainedLine x) {
        InvoiceLine l = x.line();
        LineExplanation e = x.explanation();
        StringBuilder b = new StringBuilder();
        b.append("Line ").append(l.lineId()).append(", billed by the run of ").append(x.billedOn()).append('\n');
        b.append("  ").append(l.chargeType().feedName()).append(' ').append(l.chargeStartDate()).append("..")
                .append(l.chargeEndDate()).append(", subscription ").append(l.subscriptionId()).append(", plan ")
                .append(l.planId()).append(", invoice ").append(l.invoiceNumber()).append(", ").append(l.customerName())
                .append(" (").append(l.customerId()).append(")\n");
        b.append("  amount: ").append(l.quantity()).append(" × EffectiveUnitPrice ")
                .append(l.effectiveUnitPrice().toPlainString()).append(" = Subtotal ").append(l.subtotal().toPlainString())
                .append(' ').append(l.currency()).append('\n');
        if (e == null) {
            b.append("  ").append(ExplanationText.NOT_RECORDED)
                    .append(" (billed before explanations were stored with each line)\n");
            return b.toString();
        }
        b.append("  why: ").append(ExplanationText.sentence(l, e)).append('\n');
        b.append("  rule: ").append(e.rule().code()).append(" (docs/rules.md), ")
                .append(e.direction().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        b.append("  inputs: unit price ").append(e.unitPrice().toPlainString()).append(", quantity ").append(e.quantity())
                .append(", ").append(e.remainingDays()).append(" of ").append(e.cycleDays()).append(" days of the cycle ")
                .append(e.cycleStart()).append("..").append(e.cycleEnd()).append(", rounding ")
                .append(e.rounding().optionName()).append('\n');
        b.append("  exact amount before truncation: ").append(ExplanationText.exact(e)).append('\n');
        b.append("  commerce version: ").append(ExplanationText.source(e.commerce().source())).append(", updated_at ")
                .append(e.commerce().updatedAt()).append('\n');
        for (LineExplanation.EventFact f : e.events()) {
            b.append("  fulfillment event: ").append(ExplanationText.event(f)).append('\n');
        }
        if (e.change() != null) {
            b.append("  change: plan ").append(e.change().fromPlan()).append(" → ").append(e.change().toPlan())
                    .append(", seats ").append(e.change().fromQuantity()).append(" → ").append(e.change().toQuantity())
                    .append('\n');
        }
        if (!e.reversesLineId().isEmpty()) b.append("  reverses line: ").append(e.reversesLineId()).append('\n');
        b.append("  due on ").append(e.dueOn()).append(e.catchUp() ? ", earlier than the run that billed it (catch-up)"
                : ", the day of the run that billed it").append('\n');
        String wrong = LineExplanation.mismatch(l, e);
        b.append("  check: ").append(wrong == null
                ? "recomputed from these inputs, the amount is exactly " + l.subtotal().toPlainString()
                : "DOES NOT RECOMPUTE: " + wrong).append('\n');
        return b.toString();
    }

    // ---- one subscription --------------------------------------------------------------------------

    /** One event of the story: on a day, in rank order within the day, then by instant and arrival. */
    private record Entry(LocalDate day, int rank, Instant at, int seq, String kind, String text) {}

    private static final int FACT = 0;
    private static final int START = 1;
    private static final int TERM = 2;
    private static final int LINE = 3;
    private static final int EXCEPTION = 4;

    public static String subscription(SubscriptionRecord r) {
        List<Entry> story = new ArrayList<>();
        int[] seq = {0};
        CommerceVersion head = null;

        // facts as received, each with what it changed (commerce versions in updated_at order, as R17 applies them)
        List<CommerceVersion> versions = new ArrayList<>(r.versions());
        versions.sort(Comparator.comparing(CommerceVersion::updatedAt)
                .thenComparing(v -> v.source().businessDate()).thenComparingLong(v -> v.source().line()));
        CommerceVersion previous = null;
        for (CommerceVersion v : versions) {
            story.add(new Entry(day(v.updatedAt()), FACT, v.updatedAt(), seq[0]++, "commerce",
                    "updated_at " + v.updatedAt() + " (" + ExplanationText.source(v.source()) + "): "
                            + (previous == null ? first(v) : changes(previous, v))));
            previous = v;
            head = v;
        }
        for (FulfillmentEvent ev : r.events()) {
            story.add(new Entry(day(ev.occurredAt()), FACT, ev.occurredAt(), seq[0]++, "publisher", event(ev)));
        }

        // the billing start, terms and cycles, and each line, from the lines' explanations
        Set<String> terms = new LinkedHashSet<>();
        Map<String, LineExplanation> cycles = new LinkedHashMap<>();
        boolean started = false;
        for (ExplainedLine x : r.lines()) {
            InvoiceLine l = x.line();
            LineExplanation e = x.explanation();
            if (e != null && e.rule() == LineExplanation.Rule.R4_NEW) {
                started = true;
                story.add(new Entry(e.dueOn(), START, null, seq[0]++, "billing",
                        "billing starts " + e.dueOn() + " (R1: the later of the publisher's first successful"
                                + " LicensesAssigned and Activate" + startEvents(e) + ")"));
            }
            if (terms.add(l.subscriptionStartDate() + ".." + l.subscriptionEndDate())) {
                story.add(new Entry(l.subscriptionStartDate(), TERM, null, seq[0]++, "term",
                        "term " + l.subscriptionStartDate() + ".." + l.subscriptionEndDate() + " (" + l.term().name()
                                + ", billed " + l.billingFrequency().feedName() + ")"));
            }
            if (e != null && cycles.putIfAbsent(e.cycleStart() + ".." + e.cycleEnd(), e) == null
                    && !(e.cycleStart().equals(l.subscriptionStartDate()) && e.cycleEnd().equals(l.subscriptionEndDate()))) {
                story.add(new Entry(e.cycleStart(), TERM, null, seq[0]++, "cycle",
                        "charge cycle " + e.cycleStart() + ".." + e.cycleEnd() + " (" + e.cycleDays() + " days)"
                                + (e.rule() == LineExplanation.Rule.R13_REINSTATED_CYCLE
                                ? ": suspended when it began, so not charged then (R13)" : "")));
            }
            LocalDate due = e == null ? l.orderDate() : e.dueOn();
            story.add(new Entry(due, LINE, null, seq[0]++, "line", l.lineId() + " " + l.chargeType().feedName() + " "
                    + l.chargeStartDate() + ".." + l.chargeEndDate() + " " + l.subtotal().toPlainString() + " "
                    + l.currency() + ", billed by the run of " + x.billedOn()
                    + (e == null ? "" : " [" + e.rule().code() + "]") + ": " + ExplanationText.sentence(l, e)));
        }
        for (BillingException ex : r.exceptions()) {
            story.add(new Entry(ex.businessDate(), EXCEPTION, null, seq[0]++, "exception",
                    ex.severity().name() + " " + ex.code().name() + ", raised by the run of " + ex.businessDate()
                            + (ex.sourceFile().isEmpty() ? "" : " (" + ex.sourceFile() + " line " + ex.sourceLine() + ")")
                            + ": " + ex.message()));
        }
        story.sort(Comparator.comparing(Entry::day).thenComparingInt(Entry::rank)
                .thenComparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder())).thenComparingInt(Entry::seq));

        StringBuilder b = new StringBuilder();
        b.append("Subscription ").append(r.subscriptionId());
        if (head != null) {
            b.append(": ").append(head.customerName()).append(" (").append(head.customerId()).append("), ")
                    .append(head.offerId()).append(" / ").append(head.planId()).append(" from ")
                    .append(head.publisherName()).append(", ").append(head.currency());
        }
        b.append(r.upTo() == null ? ", everything stored" : ", as known at the end of " + r.upTo()).append('\n');
        b.append("Dates are UTC; each fact is shown on the day it took effect, with the feed that brought it.\n\n");
        for (Entry e : story) {
            b.append(e.day()).append("  ").append(pad(e.kind())).append(e.text()).append('\n');
        }
        b.append('\n');
        if (!started && r.lines().isEmpty()) {
            b.append("Not billed: ").append(notStarted(r.events())).append('\n');
        }
        Map<String, BigDecimal> net = new LinkedHashMap<>();
        for (ExplainedLine x : r.lines()) net.merge(x.line().currency(), x.line().subtotal(), BigDecimal::add);
        b.append(r.lines().size()).append(r.lines().size() == 1 ? " line" : " lines");
        net.forEach((c, v) -> b.append(", net ").append(v.setScale(Money.minorDigits(c), RoundingMode.UNNECESSARY)
                .toPlainString()).append(' ').append(c));
        b.append("; ").append(r.exceptions().size()).append(r.exceptions().size() == 1 ? " exception" : " exceptions")
                .append('\n');
        return b.toString();
    }

    private static String pad(String kind) {
        return kind + " ".repeat(Math.max(1, 11 - kind.length()));
    }

    private static LocalDate day(Instant i) { return LocalDate.ofInstant(i, ZoneOffset.UTC); }

    private static String first(CommerceVersion v) {
        return "ordered " + v.orderedAt() + " (order " + v.orderId() + "), status " + v.status().feedName() + ", plan "
                + v.planId() + ", " + seats(v.quantity()) + " × " + v.unitPrice().toPlainString() + " " + v.currency()
                + " per " + (v.billingFrequency().feedName().equals("annual") ? "year" : "month") + ", term "
                + v.term().name() + " billed " + v.billingFrequency().feedName() + ", auto-renew "
                + (v.autoRenew() ? "on" : "off") + cancelled(v);
    }

    private static String changes(CommerceVersion a, CommerceVersion v) {
        List<String> c = new ArrayList<>();
        if (!a.planId().equals(v.planId())) c.add("plan " + a.planId() + " → " + v.planId());
        if (a.quantity() != v.quantity()) c.add("seats " + a.quantity() + " → " + v.quantity());
        if (a.unitPrice().compareTo(v.unitPrice()) != 0) {
            c.add("unit price " + a.unitPrice().toPlainString() + " → " + v.unitPrice().toPlainString());
        }
        if (a.status() != v.status()) c.add("status " + a.status().feedName() + " → " + v.status().feedName() + cancelled(v));
        if (a.autoRenew() != v.autoRenew()) c.add("auto-renew " + (v.autoRenew() ? "switched on" : "switched off"));
        if (!a.friendlyName().equals(v.friendlyName())) c.add("name \"" + a.friendlyName() + "\" → \"" + v.friendlyName() + "\"");
        if (!a.customerName().equals(v.customerName())) c.add("customer name → " + v.customerName());
        if (!a.term().equals(v.term()) || !a.billingFrequency().equals(v.billingFrequency())
                || !a.currency().equals(v.currency()) || !a.orderId().equals(v.orderId())) {
            c.add("a field that never changes (R12): see the exceptions");
        }
        return c.isEmpty() ? "nothing billing-relevant changed" : String.join(", ", c);
    }

    private static String cancelled(CommerceVersion v) {
        return v.status() == CommerceStatus.CANCELLED && v.cancelledAt() != null ? " (cancelled_at " + v.cancelledAt() + ")" : "";
    }

    private static String seats(int n) { return n == 1 ? "1 seat" : n + " seats"; }

    private static String event(FulfillmentEvent e) {
        StringBuilder b = new StringBuilder(e.eventId()).append(' ').append(e.action().feedName()).append(' ')
                .append(e.status().feedName()).append(" at ").append(e.occurredAt());
        List<String> carried = new ArrayList<>();
        if (!e.planId().isEmpty()) carried.add("plan " + e.planId());
        if (e.quantity() != null) carried.add(seats(e.quantity()));
        if (!carried.isEmpty()) b.append(", ").append(String.join(", ", carried));
        b.append(" (").append(ExplanationText.source(e.source())).append(')');
        if (e.status() == OperationStatus.SUCCEEDED) {
            if (e.action() == FulfillmentAction.SUSPEND) b.append(": suspended by the publisher");
            if (e.action() == FulfillmentAction.REINSTATE) b.append(": reinstated by the publisher");
            if (e.action() == FulfillmentAction.UNSUBSCRIBE) b.append(": unsubscribed at the publisher");
        } else if (e.status() == OperationStatus.FAILED) {
            b.append(": failed, changes nothing");
        }
        return b.toString();
    }

    private static String startEvents(LineExplanation e) {
        StringBuilder b = new StringBuilder();
        for (LineExplanation.EventFact f : e.events()) {
            b.append(b.isEmpty() ? ": " : " and ").append(f.action().feedName()).append(' ').append(f.eventId())
                    .append(" at ").append(f.occurredAt());
        }
        return b.toString();
    }

    private static String notStarted(List<FulfillmentEvent> events) {
        boolean assigned = false;
        boolean activated = false;
        for (FulfillmentEvent e : events) {
            if (e.status() != OperationStatus.SUCCEEDED) continue;
            assigned |= e.action() == FulfillmentAction.LICENSES_ASSIGNED;
            activated |= e.action() == FulfillmentAction.ACTIVATE;
        }
        if (assigned && activated) return "both licences assigned and activated, but no line billed yet";
        return "billing starts only once the publisher has both assigned the licences and activated (R1); "
                + (assigned ? "no Activate yet" : activated ? "no LicensesAssigned yet" : "neither yet");
    }
}
