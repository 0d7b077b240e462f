package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-currency control totals, fed one line at a time: line count, charges (sum of positive Subtotals), credits
 * (sum of negative ones) and net. A zero Subtotal counts as a line only. Exact: no rounding anywhere; a Subtotal
 * with more decimals than its currency allows is refused. Not thread-safe.
 */
public final class Totals {
    private static final class Acc {
        long lines;
        BigDecimal charges = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
    }

    private final Map<String, Acc> byCurrency = new TreeMap<>(TextOrder.CODE_POINT);

    public void add(InvoiceLine line) {
        add(line.currency(), line.subtotal());
    }

    public void add(String currency, BigDecimal subtotal) {
        BigDecimal amount = Amounts.toMinor(subtotal, currency); // validates the currency and the scale
        Acc acc = byCurrency.computeIfAbsent(currency, c -> new Acc());
        acc.lines++;
        if (amount.signum() > 0) {
            acc.charges = acc.charges.add(amount);
        } else if (amount.signum() < 0) {
            acc.credits = acc.credits.add(amount);
        }
    }

    /** Adds another part's totals to these. */
    public void addAll(Totals other) {
        other.byCurrency.forEach((currency, o) -> {
            Acc acc = byCurrency.computeIfAbsent(currency, c -> new Acc());
            acc.lines += o.lines;
            acc.charges = acc.charges.add(o.charges);
            acc.credits = acc.credits.add(o.credits);
        });
    }

    /** The totals of one currency, if it had a line. */
    public Optional<Manifest.CurrencyTotal> get(String currency) {
        Acc acc = byCurrency.get(currency);
        return acc == null ? Optional.empty() : Optional.of(total(currency, acc));
    }

    /** All currencies that had a line, sorted by code. */
    public List<Manifest.CurrencyTotal> byCurrency() {
        List<Manifest.CurrencyTotal> result = new ArrayList<>(byCurrency.size());
        byCurrency.forEach((currency, acc) -> result.add(total(currency, acc)));
        return List.copyOf(result);
    }

    /** Lines added, all currencies. */
    public long lines() {
        long n = 0;
        for (Acc acc : byCurrency.values()) {
            n += acc.lines;
        }
        return n;
    }

    private static Manifest.CurrencyTotal total(String currency, Acc acc) {
        return new Manifest.CurrencyTotal(currency, acc.lines, acc.charges, acc.credits, acc.charges.add(acc.credits));
    }
}
