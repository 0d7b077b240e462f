package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link BillingResult#nextReview()}: the bill step skips a subscription until that date unless new facts
 * arrive, so on no day before it may a run add anything.
 */
class NextReviewTest {

    /**
     * Runs every day from..to; on each day without new facts that comes before the last result's next review,
     * the run must add nothing. Returns the last result.
     */
    private static BillingResult skippingIsSafe(Facts f, String from, String to) {
        LocalDate due = null;
        BillingResult r = null;
        String last = null;
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            SubscriptionHistory before = f.historyAsOf(d.minusDays(1));
            SubscriptionHistory now = f.historyAsOf(d);
            boolean newFacts = before.versions().size() != now.versions().size()
                    || before.events().size() != now.events().size();
            r = f.run(d.toString(), last, Rounding.UNIT);
            boolean skippable = r != null && due != null && d.isBefore(due) && !newFacts;
            boolean neverDue = last != null && due == null && !newFacts;
            if (skippable || neverDue) {
                String why = d + " has no new facts and comes before the next review " + due;
                assertThat(r.lines()).as(why).isEmpty();
                assertThat(r.exceptions()).as(why).isEmpty();
            }
            due = r.nextReview();
            last = d.toString();
        }
        return r;
    }

    @Test
    @DisplayName("R3/R5/R6: monthly and annual-billed-monthly subscriptions are next due on their next cycle start")
    void nextCycleStart() {
        Facts monthly = Facts.subscription("2026-01-31T08:00:00Z").version("2026-01-31T08:00:00Z")
                .activated("2026-01-31T09:00:00Z");
        assertThat(monthly.run("2026-01-31").nextReview()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(monthly.run("2026-03-05").nextReview()).isEqualTo(LocalDate.of(2026, 3, 31));
        Facts annual = Facts.subscription("2026-01-10T08:00:00Z").annual().version("2026-01-10T08:00:00Z")
                .activated("2026-01-10T09:00:00Z");
        assertThat(annual.run("2026-01-10").nextReview()).isEqualTo(LocalDate.of(2027, 1, 10));
        skippingIsSafe(Facts.subscription("2026-01-31T08:00:00Z").annualBilledMonthly()
                .version("2026-01-31T08:00:00Z").activated("2026-01-31T09:00:00Z")
                .quantity(12).version("2026-03-10T10:00:00Z"), "2026-01-31", "2027-03-05");
    }

    @Test
    @DisplayName("R11: no auto-renew: nothing is due after the term's last cycle")
    void noRenewalNeverDue() {
        Facts f = Facts.subscription("2026-01-10T08:00:00Z").autoRenew(false).version("2026-01-10T08:00:00Z")
                .activated("2026-01-10T09:00:00Z");
        BillingResult last = skippingIsSafe(f, "2026-01-10", "2026-03-01");
        assertThat(last.nextReview()).isNull();
    }

    @Test
    @DisplayName("R10: cancelled outside the window: due up to the term end, then never")
    void cancelledOutsideWindow() {
        Facts f = Facts.subscription("2026-01-10T08:00:00Z").annualBilledMonthly().version("2026-01-10T08:00:00Z")
                .activated("2026-01-10T09:00:00Z").cancel("2026-03-15T10:00:00Z");
        BillingResult last = skippingIsSafe(f, "2026-01-10", "2027-02-01");
        assertThat(last.nextReview()).isNull();
    }

    @Test
    @DisplayName("R2: a pending subscription is next due on its activation deadline")
    void pendingDeadline() {
        Facts f = Facts.subscription("2026-01-10T08:00:00Z").version("2026-01-10T08:00:00Z")
                .event(FulfillmentAction.LICENSES_ASSIGNED, "2026-01-10T09:00:00Z");
        assertThat(f.run("2026-01-10").nextReview()).isEqualTo(LocalDate.of(2026, 2, 9));
        skippingIsSafe(Facts.subscription("2026-01-10T08:00:00Z").version("2026-01-10T08:00:00Z")
                .event(FulfillmentAction.LICENSES_ASSIGNED, "2026-01-10T09:00:00Z"), "2026-01-10", "2026-03-01");
    }

    @Test
    @DisplayName("R13: a suspension is next due on its 30-day grace end (or the next cycle, if earlier)")
    void suspensionGrace() {
        Facts f = Facts.subscription("2026-01-10T08:00:00Z").version("2026-01-10T08:00:00Z")
                .activated("2026-01-10T09:00:00Z").event(FulfillmentAction.SUSPEND, "2026-01-20T10:00:00Z");
        skippingIsSafe(f, "2026-01-10", "2026-04-01");
    }

    @Test
    @DisplayName("R16: while the publisher's view differs, the subscription is due again tomorrow")
    void mismatchDueTomorrow() {
        Facts f = Facts.subscription("2026-01-10T08:00:00Z").version("2026-01-10T08:00:00Z")
                .activated("2026-01-10T09:00:00Z").event("evt-q", FulfillmentAction.CHANGE_QUANTITY,
                        "2026-01-12T10:00:00Z", OperationStatus.SUCCEEDED, 99);
        BillingResult r = f.run("2026-01-12");
        assertThat(r.exceptions()).extracting(BillingException::code).contains(ExceptionCode.QUANTITY_MISMATCH);
        assertThat(r.nextReview()).isEqualTo(LocalDate.of(2026, 1, 13));
    }
}
