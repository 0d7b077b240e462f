package com.marketplacebilling.publish;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.Money;
import com.marketplacebilling.billing.Term;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

final class Fixtures {
    private Fixtures() {}

    /** A monthly EUR credit: removeQuantity of 1 seat for 23 of 30 days. */
    static InvoiceLine eurCredit() {
        return InvoiceLine.builder()
                .invoice("INV-202611-C001-EUR", "L-credit-1")
                .customer("C001", "Contoso GmbH", "DE", "1234567")
                .order("O-1", LocalDate.of(2026, 11, 8))
                .publisher("P-1", "Fabrikam Software")
                .product("fab-crm", "pro")
                .subscription("S-1", "Fabrikam CRM Pro")
                .charge(ChargeType.REMOVE_QUANTITY, LocalDate.of(2026, 11, 8), LocalDate.of(2026, 11, 30))
                .amount(new BigDecimal("4.00"), new Money.Amount(new BigDecimal("-3.066666"), new BigDecimal("-3.06")), 1)
                .contract("EUR", Term.P1M, BillingFrequency.MONTHLY)
                .subscriptionTerm(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30))
                .referenceId("R-abc")
                .build();
    }

    /** An annual JPY charge, 12 seats. */
    static InvoiceLine jpyCharge() {
        return InvoiceLine.builder()
                .invoice("INV-202611-C002-JPY", "L-new-2")
                .customer("C002", "株式会社 サンプル", "JP", "")
                .order("O-2", LocalDate.of(2026, 11, 24))
                .publisher("P-2", "Adatum")
                .product("adatum-sec", "std")
                .subscription("S-2", "std")
                .charge(ChargeType.NEW, LocalDate.of(2026, 11, 24), LocalDate.of(2027, 11, 23))
                .amount(new BigDecimal("1000"), new Money.Amount(new BigDecimal("1000"), new BigDecimal("12000")), 12)
                .contract("JPY", Term.P1Y, BillingFrequency.ANNUAL)
                .subscriptionTerm(LocalDate.of(2026, 11, 24), LocalDate.of(2027, 11, 23))
                .referenceId("")
                .build();
    }

    static final String EUR_CREDIT_ROW = "INV-202611-C001-EUR,L-credit-1,C001,Contoso GmbH,DE,1234567,O-1,2026-11-08,"
            + "P-1,Fabrikam Software,fab-crm,pro,S-1,Fabrikam CRM Pro,removeQuantity,2026-11-08,2026-11-30,"
            + "4.00,-3.066666,1,-3.06,EUR,P1M,monthly,2026-11-01,2026-11-30,R-abc";

    static final String JPY_CHARGE_ROW = "INV-202611-C002-JPY,L-new-2,C002,株式会社 サンプル,JP,,O-2,2026-11-24,"
            + "P-2,Adatum,adatum-sec,std,S-2,std,new,2026-11-24,2027-11-23,"
            + "1000,1000.000000,12,12000,JPY,P1Y,annual,2026-11-24,2027-11-23,";

    /** A copy of {@code base} with record component {@code index} replaced. */
    static InvoiceLine with(InvoiceLine base, int index, Object value) {
        return copyWith(InvoiceLine.class, base, index, value);
    }

    static BillingException with(BillingException base, int index, Object value) {
        return copyWith(BillingException.class, base, index, value);
    }

    static InvoiceLine with(InvoiceLine base, String component, Object value) {
        return with(base, indexOf(InvoiceLine.class, component), value);
    }

    static BillingException with(BillingException base, String component, Object value) {
        return with(base, indexOf(BillingException.class, component), value);
    }

    static int indexOf(Class<? extends Record> type, String component) {
        RecordComponent[] rc = type.getRecordComponents();
        for (int i = 0; i < rc.length; i++) {
            if (rc[i].getName().equals(component)) return i;
        }
        throw new IllegalArgumentException(component);
    }

    static <R extends Record> R copyWith(Class<R> type, R base, int index, Object value) {
        try {
            RecordComponent[] rc = type.getRecordComponents();
            Object[] args = new Object[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                args[i] = rc[i].getAccessor().invoke(base);
                types[i] = rc[i].getType();
            }
            args[index] = value;
            Constructor<R> c = type.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static BillingException exception(String id, ExceptionCode code, String subscriptionId, String file, long line) {
        return new BillingException(id, LocalDate.of(2026, 11, 24), code, subscriptionId, "C001", file, line, "",
                "message", "", "");
    }

    static String invoiceLinesCsv(InvoiceLine... lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InvoiceLinesCsv csv = new InvoiceLinesCsv(bytes)) {
            csv.writeAll(Arrays.asList(lines).iterator());
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static byte[] bytes(Consumer<ByteArrayOutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.accept(bytes);
        return bytes.toByteArray();
    }

    /** An iterator that can be consumed once and never materialises a list (streaming check). */
    static <T> Iterator<T> once(List<T> items) {
        return items.iterator();
    }
}
