package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link LineColumn}, the one definition of a line's columns, agrees with {@link InvoiceLine} column by column. */
class LineColumnTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 24);

    private static final InvoiceLine LINE = new InvoiceLine("INV-202611-C1-EUR", "L-1", "C1", "Contoso", "DE", "123",
            "O-1", D, "P-1", "Fabrikam", "offer", "plan", "S-1", "Seats", ChargeType.ADD_QUANTITY, D.plusDays(1),
            D.plusDays(6), new BigDecimal("10.08"), new BigDecimal("2.352000"), 2, new BigDecimal("4.70"), "EUR",
            Term.P1M, BillingFrequency.MONTHLY, D.minusDays(23), D.plusDays(7), "R-1");

    @Test
    @DisplayName("one constant per record component, in the record's order, named after it on both sides")
    void constantsFollowTheRecord() {
        RecordComponent[] components = InvoiceLine.class.getRecordComponents();
        assertThat(LineColumn.values()).hasSize(components.length).hasSize(LineColumn.COUNT);
        for (LineColumn c : LineColumn.values()) {
            String name = components[c.ordinal()].getName();
            assertThat(c.header()).isEqualTo(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            assertThat(c.ledgerName()).isEqualTo(name.replaceAll("([A-Z])", "_$1").toLowerCase());
            assertThat(LineColumn.byHeader(c.header())).isSameAs(c);
            Class<?> type = components[c.ordinal()].getType();
            switch (c.kind()) {
                case DATE -> assertThat(type).isEqualTo(LocalDate.class);
                case INTEGER -> assertThat(type).isEqualTo(int.class);
                case PRICE_AS_IS, PRICE6, AMOUNT -> assertThat(type).isEqualTo(BigDecimal.class);
                case TEXT -> assertThat(type == String.class || type.isEnum()).as(name).isTrue();
            }
        }
        assertThat(LineColumn.ledgerNames()).startsWith("invoice_number, line_id, ").endsWith(", reference_id");
    }

    @Test
    @DisplayName("a line read column by column with the getters and set back with the setters is the same line")
    void gettersAndSettersRoundTrip() {
        InvoiceLine.Builder b = InvoiceLine.builder();
        for (LineColumn c : LineColumn.values()) {
            switch (c.kind()) {
                case TEXT -> c.setText(b, c.text(LINE));
                case DATE -> c.setDate(b, c.date(LINE));
                case INTEGER -> c.setInteger(b, c.integer(LINE));
                case PRICE_AS_IS, PRICE6, AMOUNT -> c.setDecimal(b, c.decimal(LINE));
            }
        }
        assertThat(b.build()).isEqualTo(LINE);
        assertThat(LineColumn.CHARGE_TYPE.text(LINE)).isEqualTo("addQuantity");
        assertThat(LineColumn.TERM.text(LINE)).isEqualTo("P1M");
        assertThat(LineColumn.BILLING_FREQUENCY.text(LINE)).isEqualTo("monthly");
    }
}
