package com.marketplacebilling.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reconciliation rules as a streaming merge. Both inputs arrive in {@link ReconKey} order (Microsoft's
 * rows by key, then file name and line; ours by key, then LineId); only one key's group is held at a time,
 * so memory does not grow with the month.
 */
public final class ReconMatcher {
    private final YearMonth month;
    private final Function<String, SubscriptionFacts> facts;

    /** @param facts looked up only for Microsoft rows without a partner */
    public ReconMatcher(YearMonth month, Function<String, SubscriptionFacts> facts) {
        this.month = month;
        this.facts = facts;
    }

    public void match(Iterator<MicrosoftRow> microsoft, Iterator<OurLine> ours, Consumer<ReconResult> out) {
        Peek<MicrosoftRow> ms = new Peek<>(microsoft);
        Peek<OurLine> os = new Peek<>(ours);
        ReconKey previous = null;
        while (ms.has() || os.has()) {
            ReconKey key;
            if (!ms.has()) key = os.peek().key();
            else if (!os.has()) key = ms.peek().key();
            else key = min(ms.peek().key(), os.peek().key());
            if (previous != null && key.compareTo(previous) < 0) {
                throw new IllegalStateException("inputs not in key order at " + key);
            }
            previous = key;
            List<MicrosoftRow> mGroup = new ArrayList<>();
            while (ms.has() && ms.peek().key().equals(key)) mGroup.add(ms.next());
            List<OurLine> oGroup = new ArrayList<>();
            while (os.has() && os.peek().key().equals(key)) oGroup.add(os.next());
            int pairs = Math.min(mGroup.size(), oGroup.size());
            for (int i = 0; i < pairs; i++) out.accept(pair(mGroup.get(i), oGroup.get(i)));
            for (int i = pairs; i < mGroup.size(); i++) out.accept(onlyMicrosoft(mGroup.get(i)));
            for (int i = pairs; i < oGroup.size(); i++) {
                OurLine line = oGroup.get(i);
                if (month.equals(line.invoiceMonth())) out.accept(onlyOurs(line));
            }
        }
    }

    private static ReconKey min(ReconKey a, ReconKey b) { return a.compareTo(b) <= 0 ? a : b; }

    /** Same key on both sides: compare the amounts in our line's currency. */
    ReconResult pair(MicrosoftRow m, OurLine o) {
        BigDecimal compared;
        String note = "";
        if (m.currency().equals(o.currency())) {
            compared = m.subtotal();
        } else if (o.currency().equals(m.pricingCurrency()) && m.effectiveUnitPrice() != null) {
            int digits = com.marketplacebilling.billing.Money.minorDigits(o.currency());
            compared = m.effectiveUnitPrice().multiply(java.math.BigDecimal.valueOf(m.key().quantity()))
                    .setScale(digits, RoundingMode.DOWN);
            // the reader keeps the unit price unsigned: a credit's converted amount is negative, as its subtotal
            if (m.subtotal().signum() < 0) compared = compared.negate();
            note = " Microsoft's own amount is " + m.subtotal().toPlainString() + " " + m.currency()
                    + " at exchange rate " + (m.exchangeRate() == null ? "(none given)" : m.exchangeRate())
                    + "; compared before conversion in " + o.currency() + ".";
        } else {
            return new ReconResult(ReconStatus.AMOUNT_DIFFERS, ReconCode.RECON_CURRENCY_MISMATCH, m, o, o.currency(),
                    m.subtotal(), null, "Microsoft charged in " + m.currency() + " (pricing currency "
                    + (m.pricingCurrency() == null ? "none" : m.pricingCurrency()) + ") but our line is in "
                    + o.currency() + ": the amounts cannot be compared. Check the customer's billing currency with Microsoft.");
        }
        if (compared.compareTo(o.subtotal()) == 0) {
            if (month.equals(o.invoiceMonth())) {
                return new ReconResult(ReconStatus.MATCHED, null, m, o, o.currency(), compared, BigDecimal.ZERO.setScale(compared.scale()),
                        ("Same charge and amount on both sides." + note).trim());
            }
            return new ReconResult(ReconStatus.MATCHED, ReconCode.RECON_OTHER_MONTH, m, o, o.currency(), compared,
                    compared.subtract(o.subtotal()),
                    "Same charge and amount, but our line is on the invoice of " + o.invoiceMonth() + " (" + o.invoiceNumber()
                            + "), not " + month + "." + note);
        }
        BigDecimal difference = compared.subtract(o.subtotal());
        if (o.otherModeSubtotal() != null && compared.compareTo(o.otherModeSubtotal()) == 0) {
            return new ReconResult(ReconStatus.AMOUNT_DIFFERS, ReconCode.RECON_ROUNDING, m, o, o.currency(), compared, difference,
                    "Microsoft's amount is our line computed in the other rounding mode (R14); " + difference.toPlainString()
                            + " " + o.currency() + " is rounding, not an error." + note);
        }
        return new ReconResult(ReconStatus.AMOUNT_DIFFERS, ReconCode.RECON_AMOUNT_MISMATCH, m, o, o.currency(), compared, difference,
                "Microsoft charged " + compared.toPlainString() + " where we billed " + o.subtotal().toPlainString() + " "
                        + o.currency() + " (difference " + difference.toPlainString()
                        + "). Check the price and quantity with Microsoft and dispute the difference if ours is right." + note);
    }

    ReconResult onlyMicrosoft(MicrosoftRow m) {
        SubscriptionFacts f = facts.apply(m.key().subscriptionId());
        if (f == null || !f.namedByCommerce()) {
            return new ReconResult(ReconStatus.ONLY_MICROSOFT, ReconCode.RECON_UNKNOWN_SUBSCRIPTION, m, null, m.currency(),
                    m.subtotal(), null, "Microsoft charged subscription " + m.key().subscriptionId()
                    + " which our commerce feed never named. Ask Microsoft which customer and order it belongs to.");
        }
        if (f.notBillableOn(m.key().chargeStartDate())) {
            return new ReconResult(ReconStatus.ONLY_MICROSOFT, ReconCode.RECON_BILLED_BEFORE_ACTIVATION, m, null, m.currency(),
                    m.subtotal(), null, "Microsoft charged from " + m.key().chargeStartDate()
                    + " but the publisher had not confirmed activation then: LicensesAssigned "
                    + (f.firstLicensesAssigned() == null ? "never arrived" : "arrived " + f.firstLicensesAssigned())
                    + ", Activate " + (f.firstActivate() == null ? "never arrived" : "arrived " + f.firstActivate())
                    + ". Claim a credit from Microsoft for this charge.");
        }
        return new ReconResult(ReconStatus.ONLY_MICROSOFT, ReconCode.RECON_MISSING_IN_OURS, m, null, m.currency(),
                m.subtotal(), null, "Microsoft charged this but we have no line with the same subscription, charge type,"
                + " dates, direction and quantity. Check whether a feed fact is missing on our side or dispute the charge.");
    }

    ReconResult onlyOurs(OurLine o) {
        return new ReconResult(ReconStatus.ONLY_OURS, ReconCode.RECON_MISSING_IN_MICROSOFT, null, o, o.currency(),
                null, null, "We billed this line on " + o.invoiceNumber() + " but no Microsoft row of " + month
                + " matches it. It may appear in a later file; if not, check we are not billing the customer for something Microsoft did not charge.");
    }

    private static final class Peek<T> {
        private final Iterator<T> it;
        private T head;

        Peek(Iterator<T> it) { this.it = it; advance(); }

        private void advance() { head = it.hasNext() ? it.next() : null; }

        boolean has() { return head != null; }

        T peek() { if (head == null) throw new NoSuchElementException(); return head; }

        T next() { T t = peek(); advance(); return t; }
    }
}
