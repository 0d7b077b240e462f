package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.marketplacebilling.publish.Fixtures.eurCredit;
import static com.marketplacebilling.publish.Fixtures.jpyCharge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotalsTest {
    @Test
    void accumulatesPerCurrency() {
        Totals t = new Totals();
        t.add("USD", new BigDecimal("10"));
        t.add(eurCredit());                         // -3.06
        t.add(jpyCharge());                         // 12000
        t.add("EUR", new BigDecimal("100.5"));
        t.add("EUR", new BigDecimal("-0.44"));
        t.add("EUR", BigDecimal.ZERO);              // a line, neither charge nor credit
        t.add("JPY", new BigDecimal("-500"));

        List<Manifest.CurrencyTotal> all = t.byCurrency();
        assertEquals(List.of("EUR", "JPY", "USD"), all.stream().map(Manifest.CurrencyTotal::currency).toList());
        Manifest.CurrencyTotal eur = all.get(0);
        assertEquals(4, eur.lines());
        assertEquals("100.50", eur.charges().toPlainString());
        assertEquals("-3.50", eur.credits().toPlainString());
        assertEquals("97.00", eur.net().toPlainString());
        Manifest.CurrencyTotal jpy = t.get("JPY").orElseThrow();
        assertEquals(2, jpy.lines());
        assertEquals("12000", jpy.charges().toPlainString());
        assertEquals("-500", jpy.credits().toPlainString());
        assertEquals("11500", jpy.net().toPlainString());
        assertEquals("10.00", t.get("USD").orElseThrow().net().toPlainString());
        assertTrue(t.get("GBP").isEmpty());
        assertEquals(7, t.lines());
    }

    @Test
    void refusesAmountsBeyondTheCurrencyDigitsAndUnknownCurrencies() {
        Totals t = new Totals();
        assertThrows(ArithmeticException.class, () -> t.add("EUR", new BigDecimal("0.001")));
        assertThrows(ArithmeticException.class, () -> t.add("JPY", new BigDecimal("1.5")));
        assertThrows(IllegalArgumentException.class, () -> t.add("XXX", BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> t.add("NOPE", BigDecimal.ONE));
        assertEquals(0, t.lines());
    }

    @Test
    void currencyTotalChecksItsArithmetic() {
        assertThrows(IllegalArgumentException.class, () -> new Manifest.CurrencyTotal("EUR", 1,
                new BigDecimal("1.00"), new BigDecimal("-0.50"), new BigDecimal("0.40")));
        assertThrows(IllegalArgumentException.class, () -> new Manifest.CurrencyTotal("EUR", 1,
                new BigDecimal("-1.00"), BigDecimal.ZERO, new BigDecimal("-1.00")));
    }
}
