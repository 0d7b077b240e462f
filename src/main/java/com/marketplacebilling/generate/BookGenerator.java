package com.marketplacebilling.generate;

import com.marketplacebilling.feed.FeedHeaders;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic book in the inbox layout ({@code OUT/<date>/subscriptions.csv} and
 * {@code fulfillment-events.csv}) for benchmarks. The first date orders and activates every subscription
 * (one commerce row, LicensesAssigned + Activate each, dated within its current charge cycle so that the
 * first night bills one line per subscription and renewals fall due every day); later dates carry seat and plan changes, cancellations (some within the refund window),
 * suspensions and reinstatements, new orders, duplicate and late events, and about 0.1% malformed rows.
 *
 * <p>Deterministic for a seed: every random choice comes from a generator seeded by (seed, date, subscription),
 * rows are written in subscription order, and nothing depends on the clock, locale or hash iteration order.
 * Memory is a few bytes of state per subscription; rows stream to disk.
 */
public final class BookGenerator {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 11, 2);

    // rates per subscription and night after the first
    static final double SEAT_CHANGE = 0.02;
    static final double PLAN_CHANGE = 0.003;
    static final double CANCEL = 0.002;
    static final double SUSPEND = 0.001;
    static final double REINSTATE = 0.3;     // per night, of the suspended ones
    static final double LATE = 0.0005;
    static final double RESEND = 0.001;      // an identical commerce row again (no new fact, R17)
    static final double DUPLICATE_EVENT = 0.05; // of seat changes: the event row is sent twice
    static final double NEW_ORDERS = 0.003;
    static final double NEW_CANCELLED_IN_WINDOW = 0.1;
    static final double MALFORMED = 0.001;   // of rows, after the first night


    /** What to generate. */
    public record Options(int subscriptions, int days, long seed, LocalDate start, Path out) {
        public Options {
            if (subscriptions < 1) throw new IllegalArgumentException("--subscriptions must be at least 1");
            if (days < 1 || days > 366) throw new IllegalArgumentException("--days must be 1 to 366");
        }

        /** From command-line option values (names without dashes); throws IllegalArgumentException when bad. */
        public static Options parse(Map<String, String> o) {
            String out = o.get("out");
            if (out == null || out.isEmpty()) throw new IllegalArgumentException("generate needs --out DIR");
            return new Options(
                    (int) number(o, "subscriptions", null, 1, 50_000_000),
                    (int) number(o, "days", "2", 1, 366),
                    number(o, "seed", "1", Long.MIN_VALUE, Long.MAX_VALUE),
                    o.containsKey("start") ? date(o.get("start")) : DEFAULT_START,
                    Path.of(out));
        }

        private static long number(Map<String, String> o, String name, String fallback, long min, long max) {
            String v = o.getOrDefault(name, fallback);
            if (v == null) throw new IllegalArgumentException("generate needs --" + name + " N");
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to "
                        + max + ", got: " + v);
            }
        }

        private static LocalDate date(String v) {
            try {
                return LocalDate.parse(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--start must be a date YYYY-MM-DD, got: " + v);
            }
        }
    }

    /** Rows written for one date. */
    public record DayCount(LocalDate date, long commerceRows, long fulfillmentRows, long malformedCommerce,
                           long malformedFulfillment) {}

    // ---- the catalogue ---------------------------------------------------------------------------------

    private record Publisher(String id, String name, String offer, String[] plans, int[] eurCents) {}

    private static final Publisher[] PUBLISHERS = {
            new Publisher("contoso-saas", "Contoso SaaS Ltd", "contoso-crm",
                    new String[] {"basic", "pro", "enterprise"}, new int[] {1008, 1850, 4200}),
            new Publisher("adatum-analytics", "Adatum Analytics GmbH", "adatum-bi",
                    new String[] {"team", "business"}, new int[] {2400, 4500}),
            new Publisher("fabrikam-sec", "Fabrikam Security, Inc.", "fabrikam-mailguard",
                    new String[] {"standard", "premium"}, new int[] {390, 720}),
            new Publisher("wingtip-hr", "Wingtip HR Software S.A.", "wingtip-payroll",
                    new String[] {"core", "plus"}, new int[] {675, 1125}),
            new Publisher("tailspin-dev", "Tailspin Dev Tools", "tailspin-ci",
                    new String[] {"starter", "scale"}, new int[] {1500, 9900}),
    };
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "GB", "JP", "CH", "AT", "US", "DE"};
    private static final String[] NAMES = {"Müller & Söhne, GmbH", "Boulangerie Lefèvre SARL", "De Vries Logistiek B.V.",
            "Acme \"Widgets\" Inc.", "Northwind Traders", "Brandt Maschinenbau AG", "Tanaka Shoji K.K.",
            "Fjord Analytics AB", "@Scale Systems Inc.", "Smith, Jones & Partners LLP"};

    private static String currency(String country) {
        return switch (country) {
            case "US" -> "USD";
            case "GB" -> "GBP";
            case "JP" -> "JPY";
            case "CH" -> "CHF";
            default -> "EUR";
        };
    }

    /** A plan's price in the currency, for one cycle of the frequency. */
    private static String price(Publisher p, int plan, String currency, boolean annual) {
        long cents = p.eurCents()[plan] * (annual ? 12L : 1L);
        return switch (currency) {
            case "JPY" -> Long.toString(cents * 165 / 100);                 // no minor unit
            case "USD" -> cents(cents * 108 / 100);
            case "GBP" -> cents(cents * 86 / 100);
            case "CHF" -> cents(cents * 94 / 100);
            default -> cents(cents);
        };
    }

    private static String cents(long c) {
        return c / 100 + "." + (c % 100 < 10 ? "0" : "") + c % 100;
    }

    // ---- per-subscription state --------------------------------------------------------------------------

    private static final byte ACTIVE = 0;
    private static final byte SUSPENDED = 1;
    private static final byte CANCELLED = 2;

    private final Options o;
    private final int capacity;
    private final int[] quantity;
    private final byte[] plan;
    private final byte[] status;
    private final boolean[] changed;
    private final long[] orderedAt;   // epoch seconds
    private final long[] activatedAt; // epoch seconds
    private int count;                // subscriptions ordered so far

    private BookGenerator(Options o) {
        this.o = o;
        this.capacity = o.subscriptions() + (int) Math.ceil(o.subscriptions() * NEW_ORDERS * 2) * o.days() + 16;
        this.quantity = new int[capacity];
        this.plan = new byte[capacity];
        this.status = new byte[capacity];
        this.changed = new boolean[capacity];
        this.orderedAt = new long[capacity];
        this.activatedAt = new long[capacity];
    }

    public static List<DayCount> generate(Options o) throws IOException {
        return new BookGenerator(o).run();
    }

    /** The static attributes of subscription i: derived from (seed, i) alone. */
    private record Sub(int i, Publisher pub, int customer, String country, String currency, String term,
                       boolean annual, boolean autoRenew, String mpn, String friendly) {
        String id() { return id(i); }

        static String id(int i) { return String.format(Locale.ROOT, "sub-%08d", i); }
    }

    private Sub sub(int i) {
        SplittableRandom r = new SplittableRandom(mix(o.seed(), -1, i));
        Publisher pub = PUBLISHERS[r.nextInt(PUBLISHERS.length)];
        int customer = r.nextInt(Math.max(1, o.subscriptions() / 4 + 1));
        String country = COUNTRIES[Math.floorMod(mix(o.seed(), -2, customer), COUNTRIES.length)];
        int shape = r.nextInt(100);
        String term = shape < 40 ? "P1M" : "P1Y";
        boolean annual = shape >= 75;
        boolean autoRenew = r.nextInt(100) < 93;
        String mpn = r.nextInt(100) < 30 ? Integer.toString(1_000_000 + r.nextInt(8_999_999)) : "";
        String friendly = r.nextInt(100) < 20 ? "" : pub.offer() + " seats " + (i % 97);
        return new Sub(i, pub, customer, country, currency(country), term, annual, autoRenew, mpn, friendly);
    }

    private static long mix(long seed, long day, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + day * 0xC2B2AE3D27D4EB4FL + i * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- the run -----------------------------------------------------------------------------------------

    private List<DayCount> run() throws IOException {
        List<DayCount> counts = new ArrayList<>();
        for (int k = 0; k < o.days(); k++) {
            LocalDate d = o.start().plusDays(k);
            Path dir = o.out().resolve(d.toString());
            Files.createDirectories(dir);
            try (Feeds f = new Feeds(dir, d)) {
                if (k == 0) firstNight(f, d);
                else night(f, d, k);
                counts.add(new DayCount(d, f.commerceRows, f.fulfillmentRows, f.malformedCommerce,
                        f.malformedFulfillment));
            }
        }
        return counts;
    }

    private void firstNight(Feeds f, LocalDate d) throws IOException {
        long dayStart = d.toEpochDay() * 86_400L;
        int lastMonth = (int) (d.toEpochDay() - d.minusMonths(1).toEpochDay()) - 1; // S + 1 month > d
        int lastYear = (int) (d.toEpochDay() - d.minusYears(1).toEpochDay()) - 1;
        for (int i = 0; i < o.subscriptions(); i++) {
            Sub s = sub(i);
            SplittableRandom r = new SplittableRandom(mix(o.seed(), 0, i));
            // Onboarding an existing book: ordered (and activated) within its current charge cycle, in office
            // hours: after d minus one cycle, before d. So the first night bills exactly one line per subscription
            // (its current cycle) and renewals and cycle charges fall due on every later day, from d + 1 on.
            int back = 1 + r.nextInt(s.annual() ? lastYear : lastMonth);
            long ordered = dayStart - back * 86_400L + 6 * 3600 + r.nextInt(12 * 3600);
            order(f, s, r, ordered);
        }
        count = o.subscriptions();
    }

    /** A new subscription: one active commerce row and the two activation events. */
    private void order(Feeds f, Sub s, SplittableRandom r, long ordered) throws IOException {
        int i = s.i();
        orderedAt[i] = ordered;
        quantity[i] = r.nextInt(100) < 90 ? 1 + r.nextInt(50) : 51 + r.nextInt(450);
        plan[i] = (byte) r.nextInt(s.pub().plans().length);
        status[i] = ACTIVE;
        long assigned = ordered + 600 + r.nextInt(3000);
        long activated = assigned + 60 + r.nextInt(1800);
        f.event(s, "LicensesAssigned", assigned, "", Integer.toString(quantity[i]));
        f.event(s, "Activate", activated, s.pub().plans()[plan[i]], Integer.toString(quantity[i]));
        f.commerce(s, ordered, activated + 60, "active", null);
    }

    private void night(Feeds f, LocalDate d, int k) throws IOException {
        long dayStart = d.toEpochDay() * 86_400L;
        for (int i = 0; i < count; i++) {
            if (status[i] == CANCELLED) continue;
            SplittableRandom r = new SplittableRandom(mix(o.seed(), k, i));
            double u = r.nextDouble();
            long at = dayStart + 3600 + r.nextInt(21 * 3600);
            if (status[i] == SUSPENDED) {
                if (u < REINSTATE) {
                    Sub s = sub(i);
                    status[i] = ACTIVE;
                    f.event(s, "Reinstate", at, "", "");
                    f.commerce(s, orderedAt[i], at + 120, "active", null);
                }
                continue;
            }
            double p = u;
            if ((p -= SEAT_CHANGE) < 0) {
                Sub s = sub(i);
                int q = quantity[i];
                int delta = 1 + r.nextInt(Math.max(1, q / 5 + 1));
                quantity[i] = r.nextBoolean() || q - delta < 1 ? q + delta : q - delta;
                changed[i] = true;
                f.event(s, "ChangeQuantity", at, "", Integer.toString(quantity[i]));
                if (r.nextDouble() < DUPLICATE_EVENT) f.repeatLastEvent();
                f.commerce(s, orderedAt[i], at + 90, "active", null);
            } else if ((p -= PLAN_CHANGE) < 0) {
                Sub s = sub(i);
                int n = s.pub().plans().length;
                plan[i] = (byte) ((plan[i] + 1 + r.nextInt(n - 1)) % n);
                changed[i] = true;
                f.event(s, "ChangePlan", at, s.pub().plans()[plan[i]], "");
                f.commerce(s, orderedAt[i], at + 90, "active", null);
            } else if ((p -= CANCEL) < 0) {
                Sub s = sub(i);
                status[i] = CANCELLED;
                f.event(s, "Unsubscribe", at, "", "");
                f.commerce(s, orderedAt[i], at + 60, "cancelled", at + 60);
            } else if ((p -= SUSPEND) < 0) {
                Sub s = sub(i);
                status[i] = SUSPENDED;
                f.event(s, "Suspend", at, "", "");
                f.commerce(s, orderedAt[i], at + 60, "suspended", null);
            } else if ((p -= LATE) < 0 && !changed[i] && activatedAt[i] < at - 4 * 86_400L) {
                // a seat change that happened three days ago, reported only now (R17 late)
                Sub s = sub(i);
                quantity[i] = quantity[i] + 1;
                changed[i] = true;
                long then = at - 3 * 86_400L;
                f.event(s, "ChangeQuantity", then, "", Integer.toString(quantity[i]));
                f.commerce(s, orderedAt[i], then + 90, "active", null);
            } else if ((p -= RESEND) < 0 && !changed[i]) {
                // the unchanged first row once more (updated_at as first written)
                f.commerce(sub(i), orderedAt[i], activatedAt[i] + 60, "active", null);
            }
        }
        // new orders of the date, some cancelled within the refund window the same day
        int fresh = (int) Math.round(o.subscriptions() * NEW_ORDERS);
        for (int n = 0; n < fresh && count < capacity; n++) {
            int i = count++;
            Sub s = sub(i);
            SplittableRandom r = new SplittableRandom(mix(o.seed(), k, i));
            long ordered = dayStart + 3600 + r.nextInt(12 * 3600);
            order(f, s, r, ordered);
            changed[i] = true;
            if (r.nextDouble() < NEW_CANCELLED_IN_WINDOW) {
                long at = ordered + 4 * 3600 + r.nextInt(4 * 3600);
                status[i] = CANCELLED;
                f.event(s, "Unsubscribe", at, "", "");
                f.commerce(s, ordered, at + 60, "cancelled", at + 60);
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private final class Feeds implements AutoCloseable {
        private final Writer commerce;
        private final Writer fulfillment;
        private final String compactDate;
        private final SplittableRandom malformed;
        private final boolean allowMalformed;
        long commerceRows;
        long fulfillmentRows;
        long malformedCommerce;
        long malformedFulfillment;
        private long eventSeq;
        private String lastEvent;
        private final StringBuilder b = new StringBuilder(512);

        Feeds(Path dir, LocalDate d) throws IOException {
            this.commerce = writer(dir.resolve("subscriptions.csv"));
            this.fulfillment = writer(dir.resolve("fulfillment-events.csv"));
            this.compactDate = d.toString().replace("-", "");
            this.malformed = new SplittableRandom(mix(o.seed(), d.toEpochDay(), -7));
            this.allowMalformed = !d.equals(o.start());
            commerce.write(FeedHeaders.COMMERCE_HEADER);
            commerce.write('\n');
            fulfillment.write(FeedHeaders.FULFILLMENT_HEADER);
            fulfillment.write('\n');
        }

        private static Writer writer(Path p) throws IOException {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8),
                    1 << 16);
        }

        void event(Sub s, String action, long at, String planId, String qty) throws IOException {
            b.setLength(0);
            b.append("evt-").append(compactDate).append('-').append(++eventSeq).append(',').append(s.id())
                    .append(',').append(s.pub().id()).append(',').append(action).append(',');
            instant(at);
            b.append(',').append(planId).append(',').append(qty).append(",Succeeded\n");
            lastEvent = b.toString();
            if ("Activate".equals(action)) activatedAt[s.i()] = at;
            fulfillment.write(lastEvent);
            fulfillmentRows++;
            maybeMalformedEvent(s);
        }

        void repeatLastEvent() throws IOException {
            fulfillment.write(lastEvent);
            fulfillmentRows++;
        }

        void commerce(Sub s, long ordered, long updated, String st, Long cancelled) throws IOException {
            int i = s.i();
            boolean bad = allowMalformed && malformed.nextDouble() < MALFORMED;
            b.setLength(0);
            b.append(s.id()).append(",ord-").append(s.i()).append(",cust-").append(s.customer()).append(',');
            csv(NAMES[s.customer() % NAMES.length] + (s.customer() % NAMES.length == 0 ? "" : " " + s.customer()));
            b.append(',').append(s.country()).append(',').append(s.mpn()).append(',').append(s.pub().id())
                    .append(',');
            csv(s.pub().name());
            b.append(',').append(s.pub().offer()).append(',').append(s.pub().plans()[plan[i]]).append(',');
            csv(s.friendly());
            b.append(',').append(quantity[i]).append(',')
                    .append(price(s.pub(), plan[i], s.currency(), s.annual())).append(',').append(s.currency())
                    .append(',').append(s.term()).append(',').append(s.annual() ? "annual" : "monthly").append(',')
                    .append(s.autoRenew()).append(',').append(st).append(',');
            instant(ordered);
            b.append(',');
            instant(updated);
            b.append(',');
            if (cancelled != null) instant(cancelled);
            b.append('\n');
            commerce.write(b.toString());
            commerceRows++;
            if (bad) {
                // the same subscription once more, with a defect the reader must reject
                String row = b.toString();
                String broken = switch (malformed.nextInt(3)) {
                    case 0 -> row.replace("," + s.currency() + ",", ",EURO,");
                    case 1 -> row.replace("," + s.term() + ",", ",P2W,");
                    default -> row.replace("," + st + ",", ",paused,");
                };
                commerce.write(broken);
                commerceRows++;
                malformedCommerce++;
            }
        }

        private void maybeMalformedEvent(Sub s) throws IOException {
            if (!allowMalformed || malformed.nextDouble() >= MALFORMED) return;
            b.setLength(0);
            b.append("evt-").append(compactDate).append('-').append(++eventSeq).append(',').append(s.id())
                    .append(',').append(s.pub().id()).append(',');
            switch (malformed.nextInt(3)) {
                case 0 -> b.append("Teleport,").append(compactDate).append("T10:00:00Z,,,Succeeded\n");
                case 1 -> b.append("ChangeQuantity,").append(compactDate.substring(0, 4)).append("-13-01T10:00:00Z,,5,Succeeded\n");
                default -> b.append("ChangeQuantity,").append(compactDate.substring(0, 4)).append("-01-01T10:00:00Z,,,Succeeded\n");
            }
            fulfillment.write(b.toString());
            fulfillmentRows++;
            malformedFulfillment++;
        }

        private void csv(String v) {
            if (v.indexOf(',') < 0 && v.indexOf('"') < 0) {
                b.append(v);
            } else {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
        }

        private void instant(long epochSecond) {
            b.append(INSTANT.format(Instant.ofEpochSecond(epochSecond)));
        }

        @Override
        public void close() throws IOException {
            try (Writer c = commerce; Writer f = fulfillment) {
                c.flush();
                f.flush();
            }
        }
    }
}
