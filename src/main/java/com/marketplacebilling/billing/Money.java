package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * R14: exact arithmetic, one division done last and truncated toward zero, the sign applied after truncation.
 */
public final class Money {
    /** Printed scale of EffectiveUnitPrice. */
    public static final int EUP_SCALE = 6;

    private Money() {}

    /** The prorated unit price and the line amount, both non-negative; the caller negates credits. */
    public record Amount(BigDecimal effectiveUnitPrice, BigDecimal subtotal) {
        public Amount negate() { return new Amount(effectiveUnitPrice.negate(), subtotal.negate()); }
    }

    public static int minorDigits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    /**
     * Amount for {@code quantity} units at {@code unitPrice} per full cycle, for {@code remainingDays} of a
     * cycle of {@code cycleDays} days. A full cycle is {@code remainingDays == cycleDays}.
     */
    public static Amount prorate(BigDecimal unitPrice, int remainingDays, int cycleDays, int quantity,
                                 String currency, Rounding rounding) {
        if (unitPrice.signum() < 0 || quantity < 1 || remainingDays < 1 || remainingDays > cycleDays) {
            throw new IllegalArgumentException("invalid proration " + unitPrice + " " + remainingDays + "/" + cycleDays);
        }
        int digits = minorDigits(currency);
        if (remainingDays == cycleDays) { // a full cycle (most lines): nothing to divide, the same results
            BigDecimal qty = BigDecimal.valueOf(quantity);
            return switch (rounding) {
                case UNIT -> {
                    BigDecimal eup = unitPrice.setScale(digits, RoundingMode.DOWN);
                    yield new Amount(eup.setScale(EUP_SCALE), eup.multiply(qty).setScale(digits));
                }
                case LINE -> new Amount(unitPrice.setScale(EUP_SCALE, RoundingMode.DOWN),
                        unitPrice.multiply(qty).setScale(digits, RoundingMode.DOWN));
            };
        }
        return dividing(unitPrice, remainingDays, cycleDays, quantity, digits, rounding);
    }

    /** {@link #prorate} by its division, whatever the days (inputs checked). */
    static Amount dividing(BigDecimal unitPrice, int remainingDays, int cycleDays, int quantity, int digits,
                           Rounding rounding) {
        BigDecimal days = BigDecimal.valueOf(remainingDays);
        BigDecimal cycle = BigDecimal.valueOf(cycleDays);
        BigDecimal qty = BigDecimal.valueOf(quantity);
        return switch (rounding) {
            case UNIT -> {
                BigDecimal eup = unitPrice.multiply(days).divide(cycle, digits, RoundingMode.DOWN);
                yield new Amount(eup.setScale(EUP_SCALE), eup.multiply(qty).setScale(digits));
            }
            case LINE -> new Amount(
                    unitPrice.multiply(days).divide(cycle, EUP_SCALE, RoundingMode.DOWN),
                    unitPrice.multiply(days).multiply(qty).divide(cycle, digits, RoundingMode.DOWN));
        };
    }
}
