package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The facts one rule family reads, from a {@link Facts} history as of a business date (default policy). */
final class FamilyFacts {
    private FamilyFacts() {}

    static SubscriptionFacts asOf(Facts f, String date) {
        LocalDate d = LocalDate.parse(date);
        return SubscriptionFacts.of(f.historyAsOf(d), RunContext.of(d, BillingPolicy.defaults()));
    }

    static List<InvoiceLine> lines(List<ProposedItem> items) {
        List<InvoiceLine> out = new ArrayList<>();
        for (ProposedItem i : items) {
            if (i instanceof ProposedItem.Line l) out.add(l.line());
        }
        return out;
    }

    static List<Finding> findings(List<ProposedItem> items) {
        List<Finding> out = new ArrayList<>();
        for (ProposedItem i : items) {
            if (i instanceof ProposedItem.Raised r) out.add(r.finding());
        }
        return out;
    }

    static List<LocalDate> reviews(List<ProposedItem> items) {
        List<LocalDate> out = new ArrayList<>();
        for (ProposedItem i : items) {
            if (i instanceof ProposedItem.ReviewOn r) out.add(r.date());
        }
        return out;
    }
}
