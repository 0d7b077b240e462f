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

    static List<InvoiceLine> allLines(List<BillingResult> results) {
        return results.stream().flatMap(r -> r.lines().stream()).toList();
    }
}
