package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.publish.TextOrder;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * The matching key of a line, ours or Microsoft's: (SubscriptionId, ChargeType, ChargeStartDate,
 * ChargeEndDate, direction, Quantity). Both sides are streamed in this order.
 */
public record ReconKey(String subscriptionId, ChargeType chargeType, LocalDate chargeStartDate,
                       LocalDate chargeEndDate, Direction direction, int quantity) implements Comparable<ReconKey> {

    /** charge when Subtotal >= 0, credit when negative. */
    public enum Direction {
        CHARGE, CREDIT;

        public String csvName() { return this == CHARGE ? "charge" : "credit"; }
    }

    private static final Comparator<ReconKey> ORDER = Comparator
            .comparing(ReconKey::subscriptionId, TextOrder.CODE_POINT) // as PostgreSQL's COLLATE "C" (UTF-8 bytes)
            .thenComparing(ReconKey::chargeType)
            .thenComparing(ReconKey::chargeStartDate)
            .thenComparing(ReconKey::chargeEndDate)
            .thenComparing(ReconKey::direction)
            .thenComparingInt(ReconKey::quantity);

    @Override
    public int compareTo(ReconKey o) { return ORDER.compare(this, o); }
}
