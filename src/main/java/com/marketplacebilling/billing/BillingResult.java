package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.List;

/**
 * What a run adds for one subscription: lines and exceptions not billed or raised before; and the first
 * later date on which, without new facts, a run could add anything for it ({@code nextReview}; null when no
 * date ever will, for instance after the last line of a cancelled subscription). Runs before that date may
 * skip the subscription unless new facts arrive for it. {@code explanations} holds one {@link LineExplanation}
 * per line, in the order of {@code lines}.
 */
public record BillingResult(String subscriptionId, List<InvoiceLine> lines, List<BillingException> exceptions,
                            LocalDate nextReview, List<LineExplanation> explanations) {

    public BillingResult {
        if (explanations.size() != lines.size()) {
            throw new IllegalArgumentException("one explanation per line: " + lines.size() + " lines, "
                    + explanations.size() + " explanations");
        }
    }
}
