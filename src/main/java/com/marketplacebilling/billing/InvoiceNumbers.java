package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one home of the InvoiceNumber format, {@code INV-yyyyMM-customer-currency} (R15: one invoice per customer,
 * currency and month). Numbers of one month share {@link #monthPrefix} and sort together.
 */
public final class InvoiceNumbers {
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);

    private InvoiceNumbers() {}

    /**
     * The invoice of a line ordered on {@code orderDate}: its own month, or the first open month when its own is
     * closed already ({@code firstOpenMonth} null: none is closed).
     */
    public static String of(LocalDate orderDate, YearMonth firstOpenMonth, String customerId, String currency) {
        YearMonth month = YearMonth.from(orderDate);
        if (firstOpenMonth != null && month.isBefore(firstOpenMonth)) month = firstOpenMonth;
        return monthPrefix(month) + customerId + "-" + currency;
    }

    /** "INV-202611-": the start of every invoice number of the month. */
    public static String monthPrefix(YearMonth month) {
        return "INV-" + month.format(YYYYMM) + "-";
    }
}
