package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Money;
import com.marketplacebilling.billing.Rounding;
import java.math.BigDecimal;

/** A line's amount in the R14 mode other than the one it was billed in, from the line's own inputs. */
public final class OtherMode {
    private OtherMode() {}

    public static Rounding other(Rounding billedIn) {
        return billedIn == Rounding.UNIT ? Rounding.LINE : Rounding.UNIT;
    }

    /** Signed like the line: a credit's other-mode amount is negative. */
    public static BigDecimal subtotal(BigDecimal unitPrice, int remainingDays, int cycleDays, int quantity,
                                      String currency, Rounding billedIn, boolean credit) {
        BigDecimal amount = Money.prorate(unitPrice, remainingDays, cycleDays, quantity, currency, other(billedIn)).subtotal();
        return credit ? amount.negate() : amount;
    }
}
