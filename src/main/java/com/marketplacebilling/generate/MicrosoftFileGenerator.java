package com.marketplacebilling.generate;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.Money;
import com.marketplacebilling.ledger.MicrosoftFileSource;
import com.marketplacebilling.ledger.MicrosoftFileSource.SourceLine;
import com.marketplacebilling.reconcile.OtherMode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes Microsoft's reconciliation files for a month from our own billed lines, as Partner Center would if it
 * agreed with us, except for a seeded, known set of perturbations; and next to them {@code expected-counts.txt}: how
 * many rows of reconciliation.csv each (Status, Code) must have when those files are reconciled against the
 * ledger they came from. For tests and the benchmark (docs/reconciliation.md, "Testing with a generated file").
 *
 * <p>One file per billing currency, in the ~47 columns of Partner Center's new-commerce invoice reconciliation file,
 * in three "eras" (header spelling, date format, ChargeType spelling, BOM and line ends) so that every variant the
 * reader accepts is exercised. Our lines are read with a cursor and rows are written as they come: memory does not
 * depend on the month. Deterministic for a seed: each line's fate comes from a generator seeded by (seed, month,
 * LineId), whatever order the lines arrive in.
 */
public final class MicrosoftFileGenerator {
    /** The name of the file of expected counts (not *.csv, so reconcile does not read it). */
    public static final String EXPECTED = "expected-counts.txt";

    /** Per line of ours (or, for {@code otherMonth}, per line of the month before), the chance of each perturbation. */
    public record Rates(double drop, double amount, double rounding, double duplicate, double currency,
                        double converted, double otherMonth, double beforeActivation, double unknown, double usage,
                        double malformed) {
        public static final Rates DEFAULT = new Rates(0.004, 0.002, 0.01, 0.001, 0.0005, 0.01, 0.004, 0.002,
                0.0005, 0.003, 0.001);

        /** Every rate times {@code f} (tests use more perturbations on a small book). */
        public Rates times(double f) {
            return new Rates(drop * f, amount * f, rounding * f, duplicate * f, currency * f, converted * f,
                    otherMonth * f, beforeActivation * f, unknown * f, usage * f, malformed * f);
        }
    }

    public record Options(YearMonth month, long seed, Path out, Rates rates) {
        /**
         * From command-line option values (names without dashes): {@code seed} (default 1); the folder is given by
         * the caller ({@code --out}, or {@code <inbox>/partner-center/<YYYY-MM>/}). Throws IllegalArgumentException.
         */
        public static Options parse(YearMonth month, Map<String, String> o, Path folder) {
            for (String bookOnly : List.of("subscriptions", "days", "start")) {
                if (o.containsKey(bookOnly)) throw new IllegalArgumentException("--" + bookOnly + " does not go with --recon");
            }
            String v = o.getOrDefault("seed", "1");
            try {
                return new Options(month, Long.parseLong(v), folder, Rates.DEFAULT);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be a whole number, got: " + v);
            }
        }
    }

    /** True when the folder already holds *.csv files (reconcile would read them with the new ones). */
    public static boolean holdsCsvFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return false;
        try (var files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".csv"));
        }
    }

    /** What the command prints: each file with its rows, then the expected counts. */
    public static String describe(Result r, Path folder) {
        StringBuilder b = new StringBuilder();
        b.append("wrote ").append(r.rows()).append(" rows (compared ").append(r.compared()).append(", set aside ")
                .append(r.setAside()).append(", malformed ").append(r.malformed()).append(") into ").append(folder).append('\n');
        for (Path f : r.files()) b.append("  ").append(f.getFileName()).append('\n');
        b.append("expected rows of reconciliation.csv per Status,Code (").append(EXPECTED).append("):\n");
        new TreeMap<>(r.expected()).forEach((k, v) -> b.append("  ").append(k).append(',').append(v).append('\n'));
        return b.toString().stripTrailing();
    }

    /** What was written: the files (in name order), the expected rows per "Status,Code", and the row counts. */
    public record Result(List<Path> files, Map<String, Long> expected, long rows, long compared, long setAside,
                         long malformed) {}

    // ---- the file's shape ------------------------------------------------------------------------------------

    /** Partner Center's new-commerce invoice reconciliation columns, in its order. */
    static final List<String> COLUMNS = List.of("PartnerId", "CustomerId", "CustomerName", "CustomerDomainName",
            "CustomerCountry", "InvoiceNumber", "MpnId", "ResellerMpnId", "OrderId", "OrderDate", "ProductId", "SkuId",
            "AvailabilityId", "SkuName", "ProductName", "ChargeType", "UnitPrice", "Quantity", "Subtotal", "TaxTotal",
            "Total", "Currency", "PriceAdjustmentDescription", "PublisherName", "PublisherId",
            "SubscriptionDescription", "SubscriptionId", "ChargeStartDate", "ChargeEndDate", "TermAndBillingCycle",
            "EffectiveUnitPrice", "UnitType", "AlternateId", "BillableQuantity", "BillingFrequency", "PricingCurrency",
            "PCToBCExchangeRate", "PCToBCExchangeRateDate", "MeterDescription", "ReservationOrderId",
            "CreditReasonCode", "SubscriptionStartDate", "SubscriptionEndDate", "ReferenceId", "ProductQualifiers",
            "PromotionId", "ProductCategory");
    private static final int SUBSCRIPTION_ID = COLUMNS.indexOf("SubscriptionId");
    private static final int CHARGE_TYPE = COLUMNS.indexOf("ChargeType");
    private static final int CHARGE_START = COLUMNS.indexOf("ChargeStartDate");
    private static final int QUANTITY = COLUMNS.indexOf("Quantity");
    private static final int BILLABLE_QUANTITY = COLUMNS.indexOf("BillableQuantity");
    private static final int SUBTOTAL = COLUMNS.indexOf("Subtotal");
    private static final int CURRENCY = COLUMNS.indexOf("Currency");

    /** The billing currencies of the generated book, one file each, in this order; the era is the index mod 3. */
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY", "CHF");

    /**
     * How a file looks: 0 today's download (compact headers, 11/2/2026, camelCase charge types); 1 an older CSV
     * download (BOM, CRLF, "Customer Id" headers, "11/2/2026 12:00:00 AM", "Cycle fee" and "Cancel",
     * BillableQuantity "10.000000"); 2 an API export (lower camelCase headers, "11/2/2026 0:00:00", capitalised
     * charge types, BillableQuantity empty so Quantity counts).
     */
    private record Era(int n) {
        String header(String column) {
            return switch (n) {
                case 1 -> column.replaceAll("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
                case 2 -> Character.toLowerCase(column.charAt(0)) + column.substring(1);
                default -> column;
            };
        }

        String date(LocalDate d) {
            String us = d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
            return switch (n) {
                case 1 -> us + " 12:00:00 AM";
                case 2 -> us + " 0:00:00";
                default -> us;
            };
        }

        String chargeType(ChargeType t, SplittableRandom r) {
            return switch (n) {
                case 1 -> switch (t) {
                    case CYCLE_CHARGE -> "Cycle fee";
                    case CANCEL_IMMEDIATE -> "Cancel";
                    default -> capitalised(t.feedName());
                };
                case 2 -> r.nextBoolean() ? capitalised(t.feedName()) : t.feedName();
                default -> t.feedName();
            };
        }

        String billableQuantity(int q) {
            return switch (n) {
                case 1 -> q + ".000000";
                case 2 -> "";
                default -> Integer.toString(q);
            };
        }

        String lineEnd() { return n == 1 ? "\r\n" : "\n"; }
    }

    private static String capitalised(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    // ---- the run ---------------------------------------------------------------------------------------------

    private final Options o;
    private final String partnerId;
    private final String mpnId;
    private final Map<String, Out> files = new TreeMap<>();
    private final Map<String, Long> expected = new TreeMap<>();
    private long compared;
    private long setAside;
    private long malformed;

    private MicrosoftFileGenerator(Options o) {
        this.o = o;
        SplittableRandom r = new SplittableRandom(mix(o.seed(), o.month().hashCode(), 0));
        this.partnerId = new UUID(r.nextLong(), r.nextLong()).toString();
        this.mpnId = Integer.toString(1_000_000 + r.nextInt(8_999_999));
    }

    public static Result generate(MicrosoftFileSource source, Options o) throws IOException {
        Files.createDirectories(o.out());
        MicrosoftFileGenerator g = new MicrosoftFileGenerator(o);
        try {
            source.linesOfMonthAndBefore(o.month(), l -> {
                try {
                    g.line(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (Out f : g.files.values()) f.close();
        }
        return g.finish();
    }

    private static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xC2B2AE3D27D4EB4FL + b * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of a LineId (FNV-1a): the line's fate must not depend on the order lines arrive in. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private void expect(String status, String code) { expected.merge(status + "," + code, 1L, Long::sum); }

    private void line(SourceLine s) throws IOException {
        InvoiceLine l = s.line();
        Rates rates = o.rates();
        SplittableRandom r = new SplittableRandom(mix(o.seed(), o.month().hashCode(), hash(l.lineId())));
        boolean credit = l.subtotal().signum() < 0;
        if (!s.invoiceMonth().equals(o.month())) {
            // Microsoft billed in this month what we invoiced in the month before
            if (!s.sharesKey() && r.nextDouble() < rates.otherMonth()) {
                row(l, Fields.of(l), r);
                expect("MATCHED", "RECON_OTHER_MONTH");
            }
            return;
        }
        if (s.sharesKey()) {
            // Two lines with one key pair in LineId order, which this stream cannot see: left out, so each is
            // exactly one RECON_MISSING_IN_MICROSOFT (rare: two identical changes of one subscription on one day)
            expect("ONLY_OURS", "RECON_MISSING_IN_MICROSOFT");
        } else {
            double u = r.nextDouble();
            BigDecimal other = otherMode(s);
            if ((u -= rates.drop()) < 0) {
                expect("ONLY_OURS", "RECON_MISSING_IN_MICROSOFT");
            } else if ((u -= rates.amount()) < 0) {
                BigDecimal delta = BigDecimal.ONE.movePointLeft(Money.minorDigits(l.currency()))
                        .multiply(BigDecimal.valueOf(1 + r.nextInt(500)));
                BigDecimal changed = credit ? l.subtotal().subtract(delta) : l.subtotal().add(delta);
                if (other != null && changed.compareTo(other) == 0) changed = credit ? changed.subtract(delta) : changed.add(delta);
                row(l, Fields.of(l).subtotal(changed), r);
                expect("AMOUNT_DIFFERS", "RECON_AMOUNT_MISMATCH");
            } else if ((u -= rates.rounding()) < 0 && other != null && other.compareTo(l.subtotal()) != 0) {
                row(l, Fields.of(l).subtotal(other), r);
                expect("AMOUNT_DIFFERS", "RECON_ROUNDING");
            } else if ((u -= rates.duplicate()) < 0) {
                row(l, Fields.of(l), r);
                row(l, Fields.of(l), r);
                expect("MATCHED", "");
                expect("ONLY_MICROSOFT", "RECON_MISSING_IN_OURS");
            } else if ((u -= rates.currency()) < 0) {
                String billed = otherCurrency(l.currency());
                row(l, Fields.of(l).currency(billed).pricing(billed, "1"), r);
                expect("AMOUNT_DIFFERS", "RECON_CURRENCY_MISMATCH");
            } else if ((u -= rates.converted()) < 0 && !credit && convertible(l)) {
                // billed in another currency, priced in ours: compared as EffectiveUnitPrice × Quantity
                String billed = otherCurrency(l.currency());
                BigDecimal rate = new BigDecimal("1.0842");
                BigDecimal subtotal = l.effectiveUnitPrice().multiply(rate)
                        .setScale(Money.minorDigits(billed), RoundingMode.DOWN).multiply(BigDecimal.valueOf(l.quantity()));
                row(l, Fields.of(l).currency(billed).subtotal(subtotal).pricing(l.currency(), rate.toPlainString()), r);
                expect("MATCHED", "");
            } else {
                row(l, Fields.of(l), r);
                expect("MATCHED", "");
            }
        }
        added(l, r);
    }

    /** Rows Microsoft has and we never billed, or cannot compare, hung on one of our lines. */
    private void added(InvoiceLine l, SplittableRandom r) throws IOException {
        Rates rates = o.rates();
        if (l.chargeType() == ChargeType.NEW && r.nextDouble() < rates.beforeActivation()) {
            // a charge from before the billing start (R1): our new line starts on the day both facts had arrived
            LocalDate start = l.chargeStartDate().minusDays(1 + r.nextInt(3));
            row(l, Fields.of(l).dates(start, start.plusMonths(1).minusDays(1))
                    .subtotal(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity()))), r);
            expect("ONLY_MICROSOFT", "RECON_BILLED_BEFORE_ACTIVATION");
        }
        if (r.nextDouble() < rates.unknown()) {
            String id = new UUID(r.nextLong(), r.nextLong()).toString(); // our ids are sub-NNNNNNNN: never equal
            row(l, Fields.of(l).subscription(id), r);
            expect("ONLY_MICROSOFT", "RECON_UNKNOWN_SUBSCRIPTION");
        }
        if (r.nextDouble() < rates.usage()) {
            int hours = 1 + r.nextInt(720);
            LocalDate first = o.month().atDay(1);
            row(l, Fields.of(l).type("usage").dates(first, o.month().atEndOfMonth()).quantity(hours)
                    .subtotal(new BigDecimal("0.0125").multiply(BigDecimal.valueOf(hours))
                            .setScale(Money.minorDigits(l.currency()), RoundingMode.DOWN))
                    .meter("Compute Hours - D2 v3"), r);
            expect("SET_ASIDE", "RECON_UNSUPPORTED_CHARGE_TYPE");
            setAside++;
            compared--; // row() counted it
        }
        if (r.nextDouble() < rates.malformed()) {
            Fields f = Fields.of(l);
            switch (r.nextInt(8)) {
                case 0 -> f.raw(CHARGE_START, "13/45/" + l.chargeStartDate().getYear());
                case 1 -> f.raw(SUBTOTAL, "\"1,234.50\"");
                case 2 -> f.raw(QUANTITY, "2.5").raw(BILLABLE_QUANTITY, "2.5");
                case 3 -> f.raw(CURRENCY, "EURO");
                case 4 -> f.raw(SUBSCRIPTION_ID, "");
                case 5 -> f.extraField = true;
                case 6 -> f.raw(SUBSCRIPTION_ID, l.subscriptionId() + "\u0007");
                default -> f.raw(CHARGE_TYPE, "");
            }
            row(l, f, r);
            expect("SET_ASIDE", "RECON_MALFORMED_ROW");
            malformed++;
            compared--;
        }
    }

    /** The line in the R14 mode it was not billed in; null when its proration was not recorded. */
    private static BigDecimal otherMode(SourceLine s) {
        if (s.rounding() == null || s.remainingDays() == null || s.cycleDays() == null) return null;
        InvoiceLine l = s.line();
        try {
            return OtherMode.subtotal(l.unitPrice(), s.remainingDays(), s.cycleDays(), l.quantity(), l.currency(),
                    s.rounding(), l.subtotal().signum() < 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when EffectiveUnitPrice × Quantity, truncated, is our Subtotal (so a converted row must match). */
    private static boolean convertible(InvoiceLine l) {
        return l.effectiveUnitPrice().multiply(BigDecimal.valueOf(l.quantity()))
                .setScale(Money.minorDigits(l.currency()), RoundingMode.DOWN).compareTo(l.subtotal()) == 0;
    }

    private static String otherCurrency(String c) { return c.equals("USD") ? "EUR" : "USD"; }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** The cells of one row that a perturbation may change; the rest come from the line. */
    private static final class Fields {
        InvoiceLine l;
        String subscriptionId;
        String type;
        LocalDate start;
        LocalDate end;
        int quantity;
        BigDecimal subtotal;
        String currency;
        String pricingCurrency;
        String rate = "1";
        String meter = "";
        final Map<Integer, String> raw = new TreeMap<>();
        boolean extraField;

        static Fields of(InvoiceLine l) {
            Fields f = new Fields();
            f.l = l;
            f.subscriptionId = l.subscriptionId();
            f.start = l.chargeStartDate();
            f.end = l.chargeEndDate();
            f.quantity = l.quantity();
            f.subtotal = l.subtotal();
            f.currency = l.currency();
            f.pricingCurrency = l.currency();
            return f;
        }

        Fields subtotal(BigDecimal v) { subtotal = v; return this; }

        Fields currency(String v) { currency = v; return this; }

        Fields pricing(String v, String exchangeRate) { pricingCurrency = v; rate = exchangeRate; return this; }

        Fields dates(LocalDate s, LocalDate e) { start = s; end = e; return this; }

        Fields subscription(String v) { subscriptionId = v; return this; }

        Fields type(String v) { type = v; return this; }

        Fields quantity(int v) { quantity = v; return this; }

        Fields meter(String v) { meter = v; return this; }

        /** A cell written exactly as given (already CSV-quoted when it needs to be). */
        Fields raw(int column, String v) { raw.put(column, v); return this; }
    }

    private void row(InvoiceLine l, Fields f, SplittableRandom r) throws IOException {
        Out out = file(f.currency);
        Era era = out.era;
        List<String> cells = new ArrayList<>(COLUMNS.size() + 1);
        cells.add(partnerId);
        cells.add(csv(l.customerId()));
        cells.add(csv(l.customerName()));
        cells.add(csv(domain(l.customerId())));
        cells.add(l.customerCountry());
        cells.add(out.invoiceNumber);
        cells.add(mpnId);
        cells.add(csv(l.resellerMpnId()));
        cells.add(csv(l.orderId()));
        cells.add(era.date(l.orderDate()));
        cells.add("DZH318Z0" + code(l.offerId()));
        cells.add(code(l.planId()));
        cells.add("DZH318Z0" + code(l.offerId() + "/" + l.planId()));
        cells.add(csv(l.planId()));
        cells.add(csv(l.offerId()));
        cells.add(f.type != null ? f.type : era.chargeType(l.chargeType(), r));
        cells.add(l.unitPrice().toPlainString());
        cells.add(Integer.toString(f.quantity));
        cells.add(f.subtotal.toPlainString());
        cells.add("0");
        cells.add(f.subtotal.toPlainString());
        cells.add(f.currency);
        cells.add("");
        cells.add(csv(l.publisherName()));
        cells.add(csv(l.publisherId()));
        cells.add(csv(l.subscriptionDescription()));
        cells.add(csv(f.subscriptionId));
        cells.add(era.date(f.start));
        cells.add(era.date(f.end));
        cells.add(termAndCycle(l));
        cells.add(l.effectiveUnitPrice().toPlainString());
        cells.add(f.type != null ? "1 Hour" : "Licenses");
        cells.add(Long.toHexString(hash(l.lineId()) & 0xFFFFFFFFFFFFL));
        cells.add(era.billableQuantity(f.quantity));
        cells.add(l.billingFrequency().feedName().equals("annual") ? "Annual" : "Monthly");
        cells.add(f.pricingCurrency);
        cells.add(f.rate);
        cells.add(era.date(o.month().atDay(1)));
        cells.add(f.meter);
        cells.add("");
        cells.add(f.subtotal.signum() < 0 ? "Partner-initiated change" : "");
        cells.add(era.date(l.subscriptionStartDate()));
        cells.add(era.date(l.subscriptionEndDate()));
        cells.add(csv(l.referenceId()));
        cells.add("");
        cells.add("");
        cells.add("SaaS");
        f.raw.forEach(cells::set);
        if (f.extraField) cells.add("surplus");
        out.w.write(String.join(",", cells));
        out.w.write(era.lineEnd());
        out.rows++;
        compared++;
    }

    private static String termAndCycle(InvoiceLine l) {
        String term = l.term().months() == 1 ? "1 Month Subscription" : "1 Year Subscription";
        return term + " - " + (l.billingFrequency().cycleMonths() == 1 ? "Monthly" : "Annual") + " billing";
    }

    private static String domain(String customerId) {
        return customerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".onmicrosoft.com";
    }

    /** Four characters standing for a product, SKU or availability (Partner Center's look: DZH318Z0BNZ5, 006G). */
    private static String code(String s) {
        return String.format(Locale.ROOT, "%04X", hash(s) & 0xFFFF);
    }

    private static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** One output file: a billing currency's invoice. */
    private static final class Out implements AutoCloseable {
        final Era era;
        final String invoiceNumber;
        final Path path;
        final Writer w;
        long rows;

        Out(Path path, Era era, String invoiceNumber) throws IOException {
            this.path = path;
            this.era = era;
            this.invoiceNumber = invoiceNumber;
            this.w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
            if (era.n() == 1) w.write('\uFEFF');
            List<String> header = new ArrayList<>();
            for (String c : COLUMNS) header.add(era.header(c));
            w.write(String.join(",", header));
            w.write(era.lineEnd());
        }

        @Override
        public void close() throws IOException { w.close(); }
    }

    private Out file(String currency) throws IOException {
        Out f = files.get(currency);
        if (f != null) return f;
        int i = CURRENCIES.indexOf(currency);
        if (i < 0) i = CURRENCIES.size() + files.size();
        long n = Math.floorMod(mix(o.seed(), o.month().hashCode(), 1000 + i), 1_000_000_000L);
        String invoice = String.format(Locale.ROOT, "G%09d", n);
        f = new Out(o.out().resolve(String.format(Locale.ROOT, "%s-%s-%s.csv", o.month(), currency, invoice)),
                new Era(i % 3), invoice);
        files.put(currency, f);
        return f;
    }

    private Result finish() throws IOException {
        long rows = 0;
        List<Path> paths = new ArrayList<>();
        for (Out f : files.values()) {
            rows += f.rows;
            paths.add(f.path);
        }
        if (paths.isEmpty()) return new Result(List.of(), Map.of(), 0, 0, 0, 0); // nothing billed: nothing written
        StringBuilder b = new StringBuilder();
        b.append("# bin/billing generate --recon ").append(o.month()).append(" --seed ").append(o.seed())
                .append(": what reconciling these files against the ledger they came from must give.\n");
        b.append("# files ").append(paths.size()).append(", data rows ").append(rows).append(" (compared ")
                .append(compared).append(", set aside ").append(setAside).append(", malformed ").append(malformed)
                .append(")\n");
        b.append("# rows of reconciliation.csv per Status and Code (an empty Code: matched on this month's invoice)\n");
        b.append("Status,Code,Rows\n");
        expected.forEach((k, v) -> b.append(k).append(',').append(v).append('\n'));
        Files.writeString(o.out().resolve(EXPECTED), b.toString(), StandardCharsets.UTF_8);
        return new Result(List.copyOf(paths), Map.copyOf(expected), rows, compared, setAside, malformed);
    }
}
