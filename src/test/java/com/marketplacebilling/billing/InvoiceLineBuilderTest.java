package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The builder sets every component of the invoice-lines.csv row by name, in groups, and forgets none. */
class InvoiceLineBuilderTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 24);

    private static InvoiceLine.Builder complete() {
        return InvoiceLine.builder()
                .invoice("INV-202611-C1-EUR", "L-1")
                .customer("C1", "Contoso", "DE", "123")
                .order("O-1", D)
                .publisher("P-1", "Fabrikam")
                .product("offer", "plan")
                .subscription("S-1", "Seats")
                .charge(ChargeType.ADD_QUANTITY, D, D.plusDays(6))
                .amount(new BigDecimal("10.08"), new Money.Amount(new BigDecimal("2.352000"), new BigDecimal("4.70")), 2)
                .contract("EUR", Term.P1M, BillingFrequency.MONTHLY)
                .subscriptionTerm(D.minusDays(23), D.plusDays(6))
                .referenceId("R-1");
    }

    @Test
    @DisplayName("each group lands in its components, in the record's (column) order")
    void groupsLandInTheirColumns() {
        InvoiceLine l = complete().build();
        assertThat(l).isEqualTo(new InvoiceLine("INV-202611-C1-EUR", "L-1", "C1", "Contoso", "DE", "123", "O-1", D,
                "P-1", "Fabrikam", "offer", "plan", "S-1", "Seats", ChargeType.ADD_QUANTITY, D, D.plusDays(6),
                new BigDecimal("10.08"), new BigDecimal("2.352000"), 2, new BigDecimal("4.70"), "EUR", Term.P1M,
                BillingFrequency.MONTHLY, D.minusDays(23), D.plusDays(6), "R-1"));
        assertThat(l.toBuilder().build()).isEqualTo(l);
    }

    @Test
    @DisplayName("a line with a group not set is refused, naming the component")
    void missingGroupIsRefused() {
        InvoiceLine.Builder b = InvoiceLine.builder().invoice("INV-1", "L-1").customer("C", "N", "", "")
                .order("O", D).publisher("P", "PN").subscription("S", "d").charge(ChargeType.NEW, D, D)
                .amount(BigDecimal.ONE, new Money.Amount(BigDecimal.ONE, BigDecimal.ONE), 1)
                .contract("EUR", Term.P1M, BillingFrequency.MONTHLY).subscriptionTerm(D, D).referenceId("");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("offerId");
    }

    @Test
    @DisplayName("R10: a reversal derived with toBuilder keeps dates, price and quantity and negates the amounts")
    void reversalFromToBuilder() {
        InvoiceLine charge = complete().build();
        InvoiceLine reversal = charge.toBuilder().invoice("INV-202611-C1-EUR", "L-2")
                .charge(ChargeType.CANCEL_IMMEDIATE, charge.chargeStartDate(), charge.chargeEndDate())
                .amount(charge.unitPrice(), new Money.Amount(charge.effectiveUnitPrice(), charge.subtotal()).negate(),
                        charge.quantity())
                .referenceId(charge.lineId()).build();
        assertThat(reversal.subtotal()).isEqualByComparingTo("-4.70");
        assertThat(reversal.effectiveUnitPrice()).isEqualByComparingTo("-2.352");
        assertThat(reversal.isCredit()).isTrue();
        assertThat(reversal.quantity()).isEqualTo(charge.quantity());
        assertThat(reversal.referenceId()).isEqualTo("L-1");
        assertThat(reversal.planId()).isEqualTo(charge.planId());
    }
}
