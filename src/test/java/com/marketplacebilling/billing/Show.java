package com.marketplacebilling.billing;

import java.util.Collection;
import java.util.List;

/** Short readable renderings of lines and exceptions for rule test assertions. */
final class Show {
    private Show() {}

    /** "renew 2021-07-18..2021-08-17 q10 100.80". */
    static String line(InvoiceLine l) {
        return l.chargeType().feedName() + " " + l.chargeStartDate() + ".." + l.chargeEndDate() + " q" + l.quantity()
                + " " + l.subtotal().toPlainString();
    }

    static String lines(Collection<InvoiceLine> lines) {
        return String.join(" | ", lines.stream().map(Show::line).toList());
    }

    static List<ExceptionCode> codes(BillingResult r) {
        return r.exceptions().stream().map(BillingException::code).toList();
    }

    static List<ExceptionCode> codes(List<BillingResult> results) {
        return results.stream().flatMap(r -> r.exceptions().stream()).map(BillingException::code).toList();
    }

    /** The invariant: each line has an explanation, and its inputs recompute exactly its amounts. */
    static void assertExplained(BillingResult r) {
        for (int i = 0; i < r.lines().size(); i++) {
            InvoiceLine l = r.lines().get(i);
            LineExplanation e = r.explanations().get(i);
            if (e == null) throw new AssertionError("no explanation for " + line(l));
            String wrong = LineExplanation.mismatch(l, e);
            if (wrong != null) throw new AssertionError(line(l) + ": " + wrong + " (" + e + ")");
        }
    }

    /** "R7 credit 10 x 10.08 28/30 unit exact 94.08 [2021-06-20 subscriptions.csv:2]" per line, joined by " | ". */
    static String why(BillingResult r) {
        return String.join(" | ", r.explanations().stream().map(Show::why).toList());
    }

    static String why(LineExplanation e) {
        StringBuilder b = new StringBuilder(e.rule().code()).append(' ')
                .append(e.direction().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(e.quantity()).append(" x ").append(e.unitPrice().toPlainString()).append(' ')
                .append(e.remainingDays()).append('/').append(e.cycleDays()).append(' ')
                .append(e.rounding().optionName()).append(" exact ").append(e.exactAmount().toPlainString());
        if (e.change() != null) {
            b.append(" change ").append(e.change().fromPlan()).append(' ').append(e.change().fromQuantity())
                    .append(">").append(e.change().toPlan()).append(' ').append(e.change().toQuantity());
        }
        b.append(" [").append(e.commerce().source().businessDate()).append(' ').append(e.commerce().source().file())
                .append(':').append(e.commerce().source().line()).append(']');
        for (LineExplanation.EventFact f : e.events()) b.append(" ").append(f.eventId());
        if (!e.reversesLineId().isEmpty()) b.append(" reverses ").append(e.reversesLineId());
        if (e.catchUp()) b.append(" due ").append(e.dueOn());
        return b.toString();
    }

    static List<InvoiceLine> allLines(List<BillingResult> results) {
        return results.stream().flatMap(r -> r.lines().stream()).toList();
    }
}
