package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The one home of the LineId and ReferenceId formulas. A line is identified by what it bills (subscription,
 * type, dates, direction and the fact it stands on), so the same line computed on a later run has the same id
 * and is recognised as billed (R17).
 */
public final class LineIds {
    private LineIds() {}

    /**
     * A scheduled line ({@code source} "cycle:j") or one line of a change pair ({@code source} "change:..."),
     * billing {@code from}..{@code cycleEnd}.
     */
    public static String of(String subscriptionId, ChargeType type, LocalDate from, LocalDate cycleEnd,
                            LineExplanation.Direction direction, String source) {
        return Hashes.id("L-", subscriptionId, type.feedName(), from.toString(), cycleEnd.toString(),
                direction.name().toLowerCase(Locale.ROOT), source);
    }

    /** R10: the {@code cancelImmediate} line reversing {@code reversedLineId}. */
    public static String reversal(String subscriptionId, String reversedLineId) {
        return Hashes.id("L-", subscriptionId, ChargeType.CANCEL_IMMEDIATE.feedName(), reversedLineId);
    }

    /** R7/R8: the ReferenceId both lines of a change pair carry. */
    public static String reference(String subscriptionId, String change) {
        return Hashes.id("R-", subscriptionId, change);
    }
}
