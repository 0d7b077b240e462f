package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * The columns of an invoice line, in invoice-lines.csv order: the one definition of the output contract's line.
 * Per column: its header in invoice-lines.csv, its column in the ledger's invoice_line, its {@link Kind}, how it is
 * read from an {@link InvoiceLine} and how it is set on an {@link InvoiceLine.Builder}. The ledger's SELECT list and
 * row mapping, the COPY of a bill step's lines and the CSV's header and rows all iterate these constants, so adding
 * a column is one constant here (plus the {@link InvoiceLine} component it reads and a migration adding the ledger
 * column).
 *
 * <p>Each constant holds exactly one getter and one setter, of the type its kind says ({@link #text},
 * {@link #date}, {@link #decimal}, {@link #integer}). They are static lambdas, made once: the hot loops (a million
 * lines written by COPY, read and written by publish) switch on {@link #kind()} and call them without boxing or
 * allocating per cell. The enum-valued components (ChargeType, Term, BillingFrequency) are {@link Kind#TEXT}
 * columns that convert to and from the feed's names in their getter and setter.
 */
public enum LineColumn {
    INVOICE_NUMBER("InvoiceNumber", "invoice_number", text(InvoiceLine::invoiceNumber, (b, v) -> b.invoiceNumber = v)),
    LINE_ID("LineId", "line_id", text(InvoiceLine::lineId, (b, v) -> b.lineId = v)),
    CUSTOMER_ID("CustomerId", "customer_id", text(InvoiceLine::customerId, (b, v) -> b.customerId = v)),
    CUSTOMER_NAME("CustomerName", "customer_name", text(InvoiceLine::customerName, (b, v) -> b.customerName = v)),
    CUSTOMER_COUNTRY("CustomerCountry", "customer_country",
            text(InvoiceLine::customerCountry, (b, v) -> b.customerCountry = v)),
    RESELLER_MPN_ID("ResellerMpnId", "reseller_mpn_id", text(InvoiceLine::resellerMpnId, (b, v) -> b.resellerMpnId = v)),
    ORDER_ID("OrderId", "order_id", text(InvoiceLine::orderId, (b, v) -> b.orderId = v)),
    ORDER_DATE("OrderDate", "order_date", date(InvoiceLine::orderDate, (b, v) -> b.orderDate = v)),
    PUBLISHER_ID("PublisherId", "publisher_id", text(InvoiceLine::publisherId, (b, v) -> b.publisherId = v)),
    PUBLISHER_NAME("PublisherName", "publisher_name", text(InvoiceLine::publisherName, (b, v) -> b.publisherName = v)),
    OFFER_ID("OfferId", "offer_id", text(InvoiceLine::offerId, (b, v) -> b.offerId = v)),
    PLAN_ID("PlanId", "plan_id", text(InvoiceLine::planId, (b, v) -> b.planId = v)),
    SUBSCRIPTION_ID("SubscriptionId", "subscription_id", text(InvoiceLine::subscriptionId, (b, v) -> b.subscriptionId = v)),
    SUBSCRIPTION_DESCRIPTION("SubscriptionDescription", "subscription_description",
            text(InvoiceLine::subscriptionDescription, (b, v) -> b.subscriptionDescription = v)),
    CHARGE_TYPE("ChargeType", "charge_type",
            text(l -> l.chargeType().feedName(), (b, v) -> b.chargeType = ChargeType.parse(v))),
    CHARGE_START_DATE("ChargeStartDate", "charge_start_date",
            date(InvoiceLine::chargeStartDate, (b, v) -> b.chargeStartDate = v)),
    CHARGE_END_DATE("ChargeEndDate", "charge_end_date", date(InvoiceLine::chargeEndDate, (b, v) -> b.chargeEndDate = v)),
    /** The price per unit and full cycle, at the feed's scale. */
    UNIT_PRICE("UnitPrice", "unit_price", decimal(Kind.PRICE_AS_IS, InvoiceLine::unitPrice, (b, v) -> b.unitPrice = v)),
    EFFECTIVE_UNIT_PRICE("EffectiveUnitPrice", "effective_unit_price",
            decimal(Kind.PRICE6, InvoiceLine::effectiveUnitPrice, (b, v) -> b.effectiveUnitPrice = v)),
    QUANTITY("Quantity", "quantity", integer(InvoiceLine::quantity, (b, v) -> b.quantity = v)),
    SUBTOTAL("Subtotal", "subtotal", decimal(Kind.AMOUNT, InvoiceLine::subtotal, (b, v) -> b.subtotal = v)),
    CURRENCY("Currency", "currency", text(InvoiceLine::currency, (b, v) -> b.currency = v)),
    TERM("Term", "term", text(l -> l.term().name(), (b, v) -> b.term = Term.valueOf(v))),
    BILLING_FREQUENCY("BillingFrequency", "billing_frequency",
            text(l -> l.billingFrequency().feedName(), (b, v) -> b.billingFrequency = BillingFrequency.parse(v))),
    SUBSCRIPTION_START_DATE("SubscriptionStartDate", "subscription_start_date",
            date(InvoiceLine::subscriptionStartDate, (b, v) -> b.subscriptionStartDate = v)),
    SUBSCRIPTION_END_DATE("SubscriptionEndDate", "subscription_end_date",
            date(InvoiceLine::subscriptionEndDate, (b, v) -> b.subscriptionEndDate = v)),
    REFERENCE_ID("ReferenceId", "reference_id", text(InvoiceLine::referenceId, (b, v) -> b.referenceId = v));

    /** What a column holds, which says how each side stores and prints it. */
    public enum Kind {
        /** Text as is (enum components as their feed names); the CSV applies its formula guard. */
        TEXT,
        /** A day, {@code YYYY-MM-DD}. */
        DATE,
        /** A decimal printed at the scale it has (at most 6 decimals): UnitPrice keeps the feed's scale. */
        PRICE_AS_IS,
        /** A decimal printed with exactly 6 decimals, never rounded. */
        PRICE6,
        /** A decimal printed with exactly the minor digits of the line's {@link #CURRENCY}, never rounded. */
        AMOUNT,
        /** A whole number. */
        INTEGER;

        /** Held as a {@link BigDecimal} ({@link LineColumn#decimal}). */
        public boolean isDecimal() { return this == PRICE_AS_IS || this == PRICE6 || this == AMOUNT; }
    }

    /** Number of columns. */
    public static final int COUNT = values().length;

    private final String header;
    private final String ledgerName;
    private final Kind kind;
    private final Function<InvoiceLine, String> text;
    private final BiConsumer<InvoiceLine.Builder, String> setText;
    private final Function<InvoiceLine, LocalDate> date;
    private final BiConsumer<InvoiceLine.Builder, LocalDate> setDate;
    private final Function<InvoiceLine, BigDecimal> decimal;
    private final BiConsumer<InvoiceLine.Builder, BigDecimal> setDecimal;
    private final ToIntFunction<InvoiceLine> integer;
    private final ObjIntConsumer<InvoiceLine.Builder> setInteger;

    LineColumn(String header, String ledgerName, Access a) {
        this.header = header;
        this.ledgerName = ledgerName;
        this.kind = a.kind;
        this.text = a.text;
        this.setText = a.setText;
        this.date = a.date;
        this.setDate = a.setDate;
        this.decimal = a.decimal;
        this.setDecimal = a.setDecimal;
        this.integer = a.integer;
        this.setInteger = a.setInteger;
    }

    /** The column's name in the header of invoice-lines.csv. */
    public String header() { return header; }

    /** The column's name in the ledger's invoice_line table. */
    public String ledgerName() { return ledgerName; }

    public Kind kind() { return kind; }

    /** A {@link Kind#TEXT} column's value. */
    public String text(InvoiceLine line) { return text.apply(line); }

    /** A {@link Kind#DATE} column's value. */
    public LocalDate date(InvoiceLine line) { return date.apply(line); }

    /** A decimal column's value ({@link Kind#isDecimal()}). */
    public BigDecimal decimal(InvoiceLine line) { return decimal.apply(line); }

    /** An {@link Kind#INTEGER} column's value. */
    public int integer(InvoiceLine line) { return integer.applyAsInt(line); }

    /** Sets a {@link Kind#TEXT} column on {@code b} (an enum component from its feed name). */
    public void setText(InvoiceLine.Builder b, String value) { setText.accept(b, value); }

    public void setDate(InvoiceLine.Builder b, LocalDate value) { setDate.accept(b, value); }

    public void setDecimal(InvoiceLine.Builder b, BigDecimal value) { setDecimal.accept(b, value); }

    public void setInteger(InvoiceLine.Builder b, int value) { setInteger.accept(b, value); }

    /** The column names joined with ", " (a SELECT or COPY list). */
    public static String ledgerNames() {
        StringBuilder s = new StringBuilder();
        for (LineColumn c : values()) {
            if (!s.isEmpty()) s.append(", ");
            s.append(c.ledgerName);
        }
        return s.toString();
    }

    /** The column with this CSV header, or null. */
    public static LineColumn byHeader(String header) {
        for (LineColumn c : values()) {
            if (c.header.equals(header)) return c;
        }
        return null;
    }

    /** One column's getter and setter; exactly the pair of its kind's type is set. */
    private static final class Access {
        final Kind kind;
        Function<InvoiceLine, String> text;
        BiConsumer<InvoiceLine.Builder, String> setText;
        Function<InvoiceLine, LocalDate> date;
        BiConsumer<InvoiceLine.Builder, LocalDate> setDate;
        Function<InvoiceLine, BigDecimal> decimal;
        BiConsumer<InvoiceLine.Builder, BigDecimal> setDecimal;
        ToIntFunction<InvoiceLine> integer;
        ObjIntConsumer<InvoiceLine.Builder> setInteger;

        Access(Kind kind) { this.kind = kind; }
    }

    private static Access text(Function<InvoiceLine, String> get, BiConsumer<InvoiceLine.Builder, String> set) {
        Access a = new Access(Kind.TEXT);
        a.text = get;
        a.setText = set;
        return a;
    }

    private static Access date(Function<InvoiceLine, LocalDate> get,
                                          BiConsumer<InvoiceLine.Builder, LocalDate> set) {
        Access a = new Access(Kind.DATE);
        a.date = get;
        a.setDate = set;
        return a;
    }

    private static Access decimal(Kind kind, Function<InvoiceLine, BigDecimal> get,
                                              BiConsumer<InvoiceLine.Builder, BigDecimal> set) {
        Access a = new Access(kind);
        a.decimal = get;
        a.setDecimal = set;
        return a;
    }

    private static Access integer(ToIntFunction<InvoiceLine> get, ObjIntConsumer<InvoiceLine.Builder> set) {
        Access a = new Access(Kind.INTEGER);
        a.integer = get;
        a.setInteger = set;
        return a;
    }
}
