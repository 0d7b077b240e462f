package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import java.time.LocalDate;

/** A stored line, the run that billed it, and its explanation (null for a line billed before V14). */
public record ExplainedLine(InvoiceLine line, LocalDate billedOn, LineExplanation explanation) {}
