package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties of the billing core over random but valid histories of one subscription (order, licences and
 * activation, seat, plan and price changes, auto-renew flips, suspend/reinstate, a cancellation in or out of
 * the window), billed night by night for about 13 months.
 *
 * <p>Each history comes from {@code new Random(seed)}; every assertion message names the seed. Rerun one seed
 * with {@code -Dbilling.seed=1234}; change the number of seeds with {@code -Dbilling.seeds=500}.
 */
class BillingPropertiesTest {
    private static final long FIRST_SEED = 20261102L;

    private static List<Long> seeds() {
        String one = System.getProperty("billing.seed");
        if (one != null) return List.of(Long.parseLong(one));
        int n = Integer.getInteger("billing.seeds", 80);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) seeds.add(FIRST_SEED + i);
        return seeds;
    }

    /** One fact: when it happened, and how it is recorded into a {@link Facts}. */
    record Fact(Instant at, Consumer<Facts> apply, boolean commerce) {
        Fact(Instant at, Consumer<Facts> apply) { this(at, apply, false); }
    }

    /** A generated history and what the generator knows about it. */
    static final class History {
        final long seed;
        final Instant orderedAt;
        final LocalDate start;
        final LocalDate horizon;
        final Rounding rounding;
        final List<Fact> facts = new ArrayList<>();
        /** Seats in force from each version's updated_at (the commerce view). */
        final TreeMap<Instant, Integer> seats = new TreeMap<>();
        /** Days on which scheduled lines may fall: cycle starts and reinstatement days. */
        final TreeSet<LocalDate> cycleStarts = new TreeSet<>();
        Instant inWindowCancel;
        String story = "";

        History(long seed) {
            this.seed = seed;
            Random r = new Random(seed);
            rounding = r.nextBoolean() ? Rounding.UNIT : Rounding.LINE;
            orderedAt = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(r.nextInt(200 * 24 * 60)));
            int shape = r.nextInt(3);
            Term term = shape == 0 ? Term.P1M : Term.P1Y;
            BillingFrequency freq = shape == 2 ? BillingFrequency.ANNUAL : BillingFrequency.MONTHLY;
            String currency = new String[] {"EUR", "USD", "JPY"}[r.nextInt(3)];
            String[] prices = currency.equals("JPY") ? new String[] {"1200", "350", "52000", "7"}
                    : new String[] {"10.08", "3.1415", "31.00", "0.99", "120.96"};
            int[] quantity = {1 + r.nextInt(40)};
            String price0 = prices[r.nextInt(prices.length)];
            story += term + "/" + freq.feedName() + " " + currency + " " + rounding + "; ";
            int q0 = quantity[0];
            add(orderedAt, f -> f.frequency(term, freq).currency(currency).price(price0).quantity(q0)
                    .version(orderedAt.toString()), q0);
            // R1: licences and activation within 5 days of the order, in either order
            Instant la = orderedAt.plus(Duration.ofMinutes(r.nextInt(5 * 24 * 60)));
            Instant act = orderedAt.plus(Duration.ofMinutes(r.nextInt(5 * 24 * 60)));
            facts.add(new Fact(la, f -> f.event(FulfillmentAction.LICENSES_ASSIGNED, la.toString())));
            facts.add(new Fact(act, f -> f.event(FulfillmentAction.ACTIVATE, act.toString())));
            Instant later = la.isAfter(act) ? la : act;
            start = Instants.dateOf(later);
            horizon = start.plusMonths(13).plusDays(3);
            ChargeSchedule schedule = ChargeSchedule.of(start, term, freq);
            for (int j = 0; !schedule.cycle(j).start().isAfter(horizon); j++) cycleStarts.add(schedule.cycle(j).start());

            // changes at distinct minutes over the first 12 months; a few around S
            TreeSet<Instant> times = new TreeSet<>();
            int changes = 2 + r.nextInt(9);
            while (times.size() < changes) {
                long minutes = r.nextInt(10) < 2 ? r.nextInt(7 * 24 * 60) : r.nextInt(370 * 24 * 60);
                Instant t = orderedAt.plus(Duration.ofMinutes(1 + minutes));
                times.add(t);
            }
            boolean suspended = false;
            boolean cancelled = false;
            String[] plans = {"pro", "basic", "enterprise"};
            int cancelKind = r.nextInt(4); // 0: in window, 1: out of window, else none
            if (cancelKind == 0) {
                Instant c = orderedAt.plus(Duration.ofMinutes(1 + r.nextInt(72 * 60 - 1)));
                inWindowCancel = c;
                facts.add(new Fact(c, f -> f.cancel(c.toString()), true));
                seats.put(c, null); // same seats, recorded below as "unchanged"
                story += "cancel in window " + c + "; ";
            } else if (cancelKind == 1) {
                Instant c = orderedAt.plus(Duration.ofHours(72)).plus(Duration.ofMinutes(r.nextInt(300 * 24 * 60)));
                facts.add(new Fact(c, f -> f.cancel(c.toString()), true));
                seats.put(c, null);
                story += "cancel out of window " + c + "; ";
            }
            for (Instant t : times) {
                if (seats.containsKey(t)) continue;
                int kind = r.nextInt(6);
                switch (kind) {
                    case 0, 1 -> {
                        int q = 1 + r.nextInt(40);
                        quantity[0] = q;
                        add(t, f -> f.quantity(q).version(t.toString()), q);
                        story += "seats " + q + " at " + t + "; ";
                    }
                    case 2 -> {
                        String plan = plans[r.nextInt(plans.length)];
                        String price = prices[r.nextInt(prices.length)];
                        add(t, f -> f.plan(plan).price(price).version(t.toString()), null);
                        story += "plan " + plan + " " + price + " at " + t + "; ";
                    }
                    case 3 -> {
                        String price = prices[r.nextInt(prices.length)];
                        add(t, f -> f.price(price).version(t.toString()), null);
                        story += "price " + price + " at " + t + "; ";
                    }
                    case 4 -> {
                        boolean on = r.nextBoolean();
                        add(t, f -> f.autoRenew(on).version(t.toString()), null);
                        story += "auto-renew " + on + " at " + t + "; ";
                    }
                    default -> {
                        FulfillmentAction a = suspended ? FulfillmentAction.REINSTATE : FulfillmentAction.SUSPEND;
                        suspended = !suspended;
                        facts.add(new Fact(t, f -> f.event(a, t.toString())));
                        // a reinstatement may bill a prorated cycleCharge that day (R13): a due day, as a cycle start
                        if (a == FulfillmentAction.REINSTATE) cycleStarts.add(Instants.dateOf(t));
                        story += a.feedName() + " at " + t + "; ";
                    }
                }
            }
            // fill the "unchanged" seat entries (cancellations, plan/price/auto-renew versions)
            Integer current = null;
            for (Map.Entry<Instant, Integer> e : seats.entrySet()) {
                if (e.getValue() == null) e.setValue(current);
                current = e.getValue();
            }
            facts.sort(Comparator.comparing(Fact::at));
            // plan/price/auto-renew versions record the seats in force: replay in time order
            recomputeSeats();
        }

        private final Map<Instant, Integer> seatChanges = new HashMap<>();

        private void add(Instant t, Consumer<Facts> apply, Integer newSeats) {
            facts.add(new Fact(t, apply, true));
            seats.put(t, null);
            if (newSeats != null) seatChanges.put(t, newSeats);
        }

        private void recomputeSeats() {
            Integer current = null;
            for (Map.Entry<Instant, Integer> e : seats.entrySet()) {
                if (seatChanges.containsKey(e.getKey())) current = seatChanges.get(e.getKey());
                e.setValue(current);
            }
        }

        /** Commerce seats in force at the end of day d. */
        int seatsAtEndOf(LocalDate d) {
            Map.Entry<Instant, Integer> e = seats.lowerEntry(Instants.endOf(d));
            return e == null ? 0 : e.getValue();
        }

        /** The facts recorded into a fresh builder, each arriving on the date chosen by {@code arrival}. */
        Facts build(java.util.function.Function<Fact, LocalDate> arrival) {
            Facts f = new Facts("sub-p", orderedAt.toString());
            for (Fact x : facts) {
                f.arriving(arrival.apply(x).toString());
                x.apply().accept(f);
            }
            return f.onTime();
        }

        String describe() { return "seed " + seed + " (rerun with -Dbilling.seed=" + seed + "): S=" + start + " " + story; }
    }

    private static List<InvoiceLine> nightly(History h, Facts f, Random skip) {
        List<InvoiceLine> all = new ArrayList<>();
        LocalDate last = null;
        for (LocalDate d = Instants.dateOf(h.orderedAt); !d.isAfter(h.horizon); d = d.plusDays(1)) {
            if (skip != null && !d.equals(h.horizon) && skip.nextInt(5) == 0) continue; // a skipped business date
            BillingResult r = f.run(d.toString(), last == null ? null : last.toString(),
                    new BillingPolicy(h.rounding, BillingPolicy.DEFAULT_LEGACY_UNTIL));
            all.addAll(r.lines());
            last = d;
        }
        return all;
    }

    @Test
    @DisplayName("R10: an in-window cancellation nets the subscription to exactly zero, one cancelImmediate per line")
    void inWindowCancellationNetsToZero() {
        int checked = 0;
        for (long seed : seeds()) {
            History h = new History(seed);
            if (h.inWindowCancel == null) continue;
            checked++;
            Facts f = h.build(x -> Instants.dateOf(x.at()));
            List<InvoiceLine> lines = nightly(h, f, null);
            assertThat(f.net()).as(h.describe()).isEqualByComparingTo(BigDecimal.ZERO);
            Map<String, Long> reversals = lines.stream().filter(l -> l.chargeType() == ChargeType.CANCEL_IMMEDIATE)
                    .collect(Collectors.groupingBy(InvoiceLine::referenceId, Collectors.counting()));
            for (InvoiceLine l : lines) {
                if (l.chargeType() != ChargeType.CANCEL_IMMEDIATE) {
                    assertThat(reversals.get(l.lineId())).as(h.describe() + " reversal of " + Show.line(l)).isEqualTo(1L);
                }
            }
        }
        if (System.getProperty("billing.seed") == null) assertThat(checked).as("histories with such a cancellation").isPositive();
    }

    @Test
    @DisplayName("R7, R8: the two lines of a pair share a ReferenceId, one credit and one charge, the same type and service dates")
    void pairsShareReferenceAndDates() {
        for (long seed : seeds()) {
            History h = new History(seed);
            List<InvoiceLine> lines = nightly(h, h.build(x -> Instants.dateOf(x.at())), null);
            Map<String, List<InvoiceLine>> pairs = lines.stream()
                    .filter(l -> l.chargeType() == ChargeType.ADD_QUANTITY || l.chargeType() == ChargeType.REMOVE_QUANTITY
                            || l.chargeType() == ChargeType.CONVERT)
                    .collect(Collectors.groupingBy(InvoiceLine::referenceId));
            for (List<InvoiceLine> pair : pairs.values()) {
                String what = h.describe() + " pair " + Show.lines(pair);
                assertThat(pair).as(what).hasSize(2);
                // the credit comes first; a credit of a price that prorates to 0 (7 JPY for 1 day) is a zero line
                assertThat(pair.get(0).subtotal().signum()).as(what).isLessThanOrEqualTo(0);
                assertThat(pair.get(0).effectiveUnitPrice().signum()).as(what).isLessThanOrEqualTo(0);
                assertThat(pair.get(1).subtotal().signum()).as(what).isGreaterThanOrEqualTo(0);
                assertThat(pair.get(0).chargeType()).as(what).isEqualTo(pair.get(1).chargeType());
                assertThat(pair.get(0).chargeStartDate()).as(what).isEqualTo(pair.get(1).chargeStartDate());
                assertThat(pair.get(0).chargeEndDate()).as(what).isEqualTo(pair.get(1).chargeEndDate());
                assertThat(pair.get(0).orderDate()).as(what).isEqualTo(pair.get(0).chargeStartDate());
            }
        }
    }

    /**
     * R4–R8, R13: for every day, the seats charged for it (charges minus credits, counting every line whose
     * service period covers the day, reversals included) are either 0 (not billed: before S, skipped while
     * suspended, after the end, refunded) or exactly the commerce seats in force at the end of that day. So no
     * day is charged twice for the same seats, and no seat is credited that was not charged.
     */
    @Test
    @DisplayName("R4-R8, R13: the net seats charged for any day are 0 or exactly the seats in force that day")
    void noDayChargedTwice() {
        for (long seed : seeds()) {
            History h = new History(seed);
            List<InvoiceLine> lines = nightly(h, h.build(x -> Instants.dateOf(x.at())), null);
            Map<String, Integer> direction = directions(lines);
            for (LocalDate d = h.start; !d.isAfter(h.horizon); d = d.plusDays(1)) {
                int net = 0;
                for (InvoiceLine l : lines) {
                    if (!d.isBefore(l.chargeStartDate()) && !d.isAfter(l.chargeEndDate())) {
                        net += direction.get(l.lineId()) * l.quantity();
                    }
                }
                int inForce = h.seatsAtEndOf(d);
                assertThat(net).as(h.describe() + " net seats on " + d + " with lines " + Show.lines(lines))
                        .isIn(0, inForce);
            }
        }
    }

    /**
     * R7, R8, R14: within one charge cycle (the lines ending on the same ChargeEndDate), in the order lines are
     * billed, the running total never drops below zero: a credit never exceeds what was charged for the period.
     * Reversals of an in-window cancellation are left out (they net to zero as a whole, checked above).
     */
    @Test
    @DisplayName("R7, R8, R14: a credit never exceeds what was charged for the same cycle")
    void creditNeverExceedsCharge() {
        for (long seed : seeds()) {
            History h = new History(seed);
            List<InvoiceLine> lines = nightly(h, h.build(x -> Instants.dateOf(x.at())), null);
            Map<LocalDate, BigDecimal> running = new HashMap<>();
            for (InvoiceLine l : lines) {
                if (l.chargeType() == ChargeType.CANCEL_IMMEDIATE) continue;
                BigDecimal sum = running.merge(l.chargeEndDate(), l.subtotal(), BigDecimal::add);
                assertThat(sum.signum()).as(h.describe() + " after " + Show.line(l)).isGreaterThanOrEqualTo(0);
            }
        }
    }

    /**
     * R17: the lines do not depend on how the facts are spread over business dates. Three ways: every night
     * with each fact on its own date; one single run at the end; and nights with some dates skipped and facts
     * arriving up to 4 days late, but never after a cycle start or reinstatement day they could affect (a late fact never changes
     * what is billed, so a fact arriving after its cycle was billed would rightly give other lines), and
     * commerce versions in updated_at order.
     */
    @Test
    @DisplayName("R17: nightly, one catch-up run, and skipped dates with late facts give the same set of lines")
    void sameLinesHoweverSpread() {
        for (long seed : seeds()) {
            History h = new History(seed);
            Map<String, String> nightly = ids(nightly(h, h.build(x -> Instants.dateOf(x.at())), null));
            Facts once = h.build(x -> Instants.dateOf(x.at()));
            Map<String, String> single = ids(once.run(h.horizon.toString(), null,
                    new BillingPolicy(h.rounding, BillingPolicy.DEFAULT_LEGACY_UNTIL)).lines());
            assertThat(single).as(h.describe() + " one catch-up run").isEqualTo(nightly);

            Random lateness = new Random(seed * 31 + 7);
            LocalDate[] lastCommerceArrival = {LocalDate.MIN};
            Facts spread = h.build(x -> {
                LocalDate on = Instants.dateOf(x.at());
                LocalDate arrival = on.plusDays(lateness.nextInt(10) < 3 ? 1 + lateness.nextInt(4) : 0);
                // facts dated up to S shape the new line (the state at the end of S): they arrive by S;
                // later ones arrive before the next cycle start, whose scheduled line they could shape
                LocalDate nextCycle = h.cycleStarts.higher(on);
                LocalDate limit = !on.isAfter(h.start) ? h.start : nextCycle == null ? h.horizon : nextCycle.minusDays(1);
                if (arrival.isAfter(limit)) arrival = limit;
                if (arrival.isBefore(on)) arrival = on;
                if (arrival.isAfter(h.horizon)) arrival = h.horizon;
                // commerce versions arrive in updated_at order: an earlier version arriving after a later one of
                // the same cycle re-attributes a seat change and bills it twice (see the report of issue 3)
                if (x.commerce()) {
                    if (arrival.isBefore(lastCommerceArrival[0])) arrival = lastCommerceArrival[0];
                    lastCommerceArrival[0] = arrival;
                }
                return arrival;
            });
            Map<String, String> late = ids(nightly(h, spread, new Random(seed)));
            assertThat(late).as(h.describe() + " skipped dates and late facts").isEqualTo(nightly);
        }
    }

    /**
     * +1 for a charge, -1 for a credit, from the structure rather than the sign (a credit can prorate to 0):
     * the first line of a pair is the credit, a reversal has the opposite direction of the line it reverses.
     */
    private static Map<String, Integer> directions(List<InvoiceLine> lines) {
        Map<String, Integer> dir = new HashMap<>();
        java.util.Set<String> seenReference = new java.util.HashSet<>();
        for (InvoiceLine l : lines) {
            if (l.chargeType() == ChargeType.CANCEL_IMMEDIATE) continue;
            boolean pair = !l.referenceId().isEmpty();
            dir.put(l.lineId(), pair && seenReference.add(l.referenceId()) ? -1 : 1);
        }
        for (InvoiceLine l : lines) {
            if (l.chargeType() == ChargeType.CANCEL_IMMEDIATE) dir.put(l.lineId(), -dir.get(l.referenceId()));
        }
        return dir;
    }

    private static Map<String, String> ids(List<InvoiceLine> lines) {
        Map<String, String> m = new TreeMap<>();
        for (InvoiceLine l : lines) {
            String before = m.put(l.lineId(), Show.line(l) + " EUP " + l.effectiveUnitPrice().toPlainString());
            assertThat(before).as("line billed twice: " + Show.line(l)).isNull();
        }
        return m;
    }
}
