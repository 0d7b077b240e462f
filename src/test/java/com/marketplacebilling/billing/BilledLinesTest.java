package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The subtraction step on its own (R17, R18). */
class BilledLinesTest {
    private static final LocalDate D = LocalDate.parse("2025-03-20");

    private static ProposedItem.Line line(String id) {
        InvoiceLine l = InvoiceLine.builder().invoice("INV-202503-cust-1-EUR", id).customer("cust-1", "N", "", "")
                .order("ord-1", D).publisher("p", "P").product("o", "pro").subscription("sub-1", "CRM")
                .charge(ChargeType.NEW, D, D).amount(BigDecimal.TEN, new Money.Amount(BigDecimal.TEN, BigDecimal.TEN), 1)
                .contract("EUR", Term.P1M, BillingFrequency.MONTHLY).subscriptionTerm(D, D).referenceId("").build();
        return new ProposedItem.Line(l, () -> { throw new AssertionError("explained although billed: " + id); });
    }

    private static ProposedItem.Line explained(String id) {
        ProposedItem.Line l = line(id);
        return new ProposedItem.Line(l.line(), () -> null);
    }

    @Test
    @DisplayName("R17: what is proposed minus what is billed (by LineId) and raised (by ExceptionId); one line per id; the earliest later review")
    void subtractsWhatIsBilled() {
        Facts h = Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z");
        h.billed.add(line("L-billed").line());
        h.raised.add("E-old");
        SubscriptionFacts f = FamilyFacts.asOf(h, D.toString());
        List<ProposedItem> proposed = new ArrayList<>(List.of(line("L-billed"), explained("L-new"), explained("L-new"),
                new ProposedItem.Raised(Finding.of(ExceptionCode.LATE_EVENT, "E-old", "m")),
                new ProposedItem.Raised(Finding.of(ExceptionCode.LATE_EVENT, "E-new", "m")),
                new ProposedItem.ReviewOn(D), new ProposedItem.ReviewOn(D.plusDays(9)), new ProposedItem.ReviewOn(D.plusDays(3))));
        BillingResult r = BilledLines.subtract(f, proposed);
        assertThat(r.lines()).extracting(InvoiceLine::lineId).containsExactly("L-new");
        assertThat(r.exceptions()).extracting(BillingException::exceptionId).containsExactly("E-new");
        assertThat(r.exceptions().get(0).businessDate()).isEqualTo(D);
        assertThat(r.exceptions().get(0).customerId()).isEqualTo("cust-1");
        assertThat(r.nextReview()).isEqualTo(D.plusDays(3));
    }

    @Test
    @DisplayName("R18: while quarantined no line is billed; the exceptions still are")
    void quarantinedBillsNothing() {
        Facts h = Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .currency("USD").version("2025-03-15T08:00:00Z");
        SubscriptionFacts f = FamilyFacts.asOf(h, D.toString());
        assertThat(f.commerce().quarantined()).isTrue();
        BillingResult r = BilledLines.subtract(f, List.of(explained("L-1"),
                new ProposedItem.Raised(Finding.of(ExceptionCode.CURRENCY_CHANGED, "E-1", "m"))));
        assertThat(r.lines()).isEmpty();
        assertThat(r.exceptions()).extracting(BillingException::exceptionId).containsExactly("E-1");
    }
}
