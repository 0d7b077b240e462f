package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R17, R18: the one step after the rule families. What they propose minus what is billed (by LineId) and raised
 * (by ExceptionId) is what this run adds; no lines at all while the subscription is quarantined.
 */
final class BilledLines {
    private BilledLines() {}

    static BillingResult subtract(SubscriptionFacts facts, List<ProposedItem> proposed) {
        Map<String, ProposedItem.Line> expected = new LinkedHashMap<>();
        Map<String, BillingException> raised = new LinkedHashMap<>();
        LocalDate nextReview = null;
        for (ProposedItem item : proposed) {
            if (item instanceof ProposedItem.Line l) {
                expected.putIfAbsent(l.line().lineId(), l);
            } else if (item instanceof ProposedItem.Raised r) {
                raised.putIfAbsent(r.finding().id(), r.finding().raisedBy(facts));
            } else if (item instanceof ProposedItem.ReviewOn on && on.date().isAfter(facts.today())
                    && (nextReview == null || on.date().isBefore(nextReview))) {
                nextReview = on.date();
            }
        }
        List<InvoiceLine> lines = new ArrayList<>();
        List<LineExplanation> why = new ArrayList<>();
        if (!facts.commerce().isEmpty() && !facts.commerce().quarantined()) {
            for (ProposedItem.Line l : expected.values()) {
                if (facts.billed(l.line().lineId())) continue;
                lines.add(l.line());
                why.add(l.explanation().get());
            }
        }
        List<BillingException> fresh = new ArrayList<>();
        for (BillingException e : raised.values()) {
            if (!facts.history().raisedExceptionIds().contains(e.exceptionId())) fresh.add(e);
        }
        return new BillingResult(facts.subscriptionId(), lines, fresh, nextReview, why);
    }
}
