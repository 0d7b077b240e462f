package com.marketplacebilling.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Printing of amounts and prices exactly as the contract wants them: plain notation, fixed decimals. */
public final class Amounts {
    private Amounts() {}

    /** Maximum decimals of a unit price (feeds.md, Input 1) and the printed decimals of EffectiveUnitPrice. */
    public static final int PRICE_DECIMALS = 6;

    /**
     * The currency's minor digits ({@link Currency#getDefaultFractionDigits()}): 2 for EUR/USD, 0 for JPY.
     *
     * @throws IllegalArgumentException for an unknown code or one without minor digits (XXX, XAU)
     */
    public static int minorDigits(String currencyCode) {
        int digits;
        try {
            digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency '" + currencyCode + "'", e);
        }
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currencyCode + " has no minor digits");
        }
        return digits;
    }

    /** The amount at exactly the currency's minor digits; throws {@link ArithmeticException} if that would round. */
    public static BigDecimal toMinor(BigDecimal amount, String currencyCode) {
        return amount.setScale(minorDigits(currencyCode), RoundingMode.UNNECESSARY);
    }

    /** e.g. {@code -94.00} for EUR, {@code 1200} for JPY; never exponent notation; never rounds (throws instead). */
    public static String formatAmount(BigDecimal amount, String currencyCode) {
        return toMinor(amount, currencyCode).toPlainString();
    }

    /** A price with exactly 6 decimals (EffectiveUnitPrice); throws {@link ArithmeticException} if that would round. */
    public static String formatPrice6(BigDecimal price) {
        return price.setScale(PRICE_DECIMALS, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A price as given (UnitPrice keeps the feed's scale); refuses more than 6 decimals. */
    public static String formatPriceAsIs(BigDecimal price) {
        if (price.scale() > PRICE_DECIMALS) {
            throw new IllegalArgumentException("price " + price.toPlainString() + " has more than 6 decimals");
        }
        return price.toPlainString();
    }
}
