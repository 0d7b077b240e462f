package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.ACTIVATE;
import static com.marketplacebilling.billing.FulfillmentAction.LICENSES_ASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R1 (billing start), R2 (pending too long) and R3 (cycles anchored on S), as seen in the lines billed. */
class SubscriptionLifeRulesTest {

    @Test
    @DisplayName("R1: LicensesAssigned alone starts no billing; Activate alone starts no billing; both do")
    void bothFactsAreNeeded() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .event(LICENSES_ASSIGNED, "2025-03-01T11:00:00Z");
        assertThat(f.run("2025-03-01").lines()).as("licences only").isEmpty();
        Facts g = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .event(ACTIVATE, "2025-03-01T11:00:00Z");
        assertThat(g.run("2025-03-01").lines()).as("activation only").isEmpty();
        f.event(ACTIVATE, "2025-03-02T09:00:00Z");
        assertThat(Show.lines(f.run("2025-03-02").lines())).isEqualTo("new 2025-03-02..2025-04-01 q10 100.80");
    }

    @Test
    @DisplayName("R1: S is the date of the later fact, whichever kind comes last (Activate first, licences 3 days later)")
    void startIsTheLaterFact() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .event(ACTIVATE, "2025-03-01T11:00:00Z").event(LICENSES_ASSIGNED, "2025-03-04T23:59:59Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-01", "2025-03-05", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-04..2025-04-03 q10 100.80");
        assertThat(lines.get(0).orderDate()).isEqualTo(LocalDate.of(2025, 3, 4));
    }

    @Test
    @DisplayName("R1: a Failed or InProgress Activate does not count; the later Succeeded one starts billing")
    void failedAndInProgressDoNotCount() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .event(LICENSES_ASSIGNED, "2025-03-01T11:00:00Z")
                .event("a-1", ACTIVATE, "2025-03-01T12:00:00Z", OperationStatus.FAILED, null)
                .event("a-2", ACTIVATE, "2025-03-02T12:00:00Z", OperationStatus.IN_PROGRESS, null);
        List<BillingResult> nights = f.nights("2025-03-01", "2025-03-02");
        assertThat(Show.allLines(nights)).isEmpty();
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.FULFILLMENT_FAILED);
        f.event("a-3", ACTIVATE, "2025-03-03T12:00:00Z", OperationStatus.SUCCEEDED, null);
        assertThat(Show.lines(f.run("2025-03-03").lines())).isEqualTo("new 2025-03-03..2025-04-02 q10 100.80");
    }

    @Test
    @DisplayName("R1: the first Succeeded fact of each kind counts; a second Activate later does not move S")
    void firstSucceededOfEachKindCounts() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z").event(ACTIVATE, "2025-03-10T11:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-01", "2025-03-31", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-01..2025-03-31 q10 100.80");
    }

    @Test
    @DisplayName("R2: a subscription still pending on the day 30 days after the order raises PENDING_ACTIVATION_TIMEOUT once, and is not billed")
    void pendingTimeoutOnDayThirtyOnce() {
        Facts f = Facts.subscription("2025-03-01T23:30:00Z").status(CommerceStatus.PENDING)
                .version("2025-03-01T23:30:00Z").event(LICENSES_ASSIGNED, "2025-03-02T10:00:00Z");
        List<BillingResult> before = f.nights("2025-03-01", "2025-03-30");
        assertThat(Show.codes(before)).as("up to day 29 after the order").isEmpty();
        BillingResult day30 = f.run("2025-03-31", "2025-03-30", Rounding.UNIT);
        assertThat(Show.codes(day30)).containsExactly(ExceptionCode.PENDING_ACTIVATION_TIMEOUT);
        assertThat(day30.exceptions().get(0).actual()).isEqualTo("no Activate");
        assertThat(day30.lines()).isEmpty();
        List<BillingResult> after = f.nights("2025-04-01", "2025-04-10");
        assertThat(Show.codes(after)).as("raised once only").isEmpty();
        assertThat(Show.allLines(after)).isEmpty();
    }

    @Test
    @DisplayName("R2: when the first run after the due date comes later (skipped dates), the timeout is raised on that run")
    void pendingTimeoutOnFirstRunAfterDueDate() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").status(CommerceStatus.PENDING)
                .version("2025-03-01T10:00:00Z");
        assertThat(Show.codes(f.run("2025-03-30"))).isEmpty();
        BillingResult r = f.run("2025-04-05");
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.PENDING_ACTIVATION_TIMEOUT);
        assertThat(r.exceptions().get(0).actual()).isEqualTo("neither");
    }

    @Test
    @DisplayName("R2: a subscription activated before day 30 never times out")
    void activatedInTimeNeverTimesOut() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").status(CommerceStatus.PENDING)
                .version("2025-03-01T10:00:00Z").activated("2025-03-30T10:00:00Z").status(CommerceStatus.ACTIVE)
                .version("2025-03-30T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-01", "2025-04-05");
        assertThat(Show.codes(nights)).isEmpty();
        assertThat(Show.allLines(nights)).hasSize(1);
    }

    @ParameterizedTest(name = "R3: S = {0} monthly: cycle 1 is {1}..{2} ({3} days), billed as renew on its first day")
    @CsvSource({
            "2023-01-31, 2023-02-28, 2023-03-30, 31",
            "2023-01-29, 2023-02-28, 2023-03-28, 29",
            "2024-01-29, 2024-02-29, 2024-03-28, 29",
            "2024-01-30, 2024-02-29, 2024-03-29, 30",
            "2024-01-31, 2024-02-29, 2024-03-30, 31",
            "2024-03-30, 2024-04-30, 2024-05-29, 30",
            "2024-03-31, 2024-04-30, 2024-05-30, 31",
            "2024-02-29, 2024-03-29, 2024-04-28, 31",
    })
    void anchorsAtTheMonthEnd(LocalDate s, LocalDate start, LocalDate end, int days) {
        Facts f = Facts.subscription(s + "T08:00:00Z").version(s + "T08:00:00Z").activated(s + "T09:00:00Z");
        f.run(s.toString());
        assertThat(f.run(start.minusDays(1).toString()).lines()).as("nothing the day before").isEmpty();
        List<InvoiceLine> renew = f.run(start.toString()).lines();
        assertThat(Show.lines(renew)).isEqualTo("renew " + start + ".." + end + " q10 100.80");
        assertThat(renew.get(0).subscriptionStartDate()).isEqualTo(start);
        assertThat(renew.get(0).subscriptionEndDate()).isEqualTo(end);
        assertThat(f.billed.get(0).chargeEndDate()).isEqualTo(start.minusDays(1));
        assertThat((int) (end.toEpochDay() - start.toEpochDay()) + 1).isEqualTo(days);
    }

    @Test
    @DisplayName("R3: S = 2024-01-31 monthly over a year: cycles spring back to the 31st (02-29, 03-31, 04-30, 05-31 ...)")
    void monthEndAnchorOverAYear() {
        Facts f = Facts.subscription("2024-01-31T08:00:00Z").version("2024-01-31T08:00:00Z")
                .activated("2024-01-31T09:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2024-01-31", "2024-12-31", Rounding.UNIT);
        assertThat(lines).extracting(l -> l.chargeStartDate().toString()).containsExactly("2024-01-31",
                "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31", "2024-08-31",
                "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31");
        for (int i = 0; i + 1 < lines.size(); i++) {
            assertThat(lines.get(i).chargeEndDate()).isEqualTo(lines.get(i + 1).chargeStartDate().minusDays(1));
        }
    }

    @Test
    @DisplayName("R3: an annual term from 29 February 2024 runs to 2025-02-27 (365 days) and renews on 2025-02-28")
    void annualFromLeapDay() {
        Facts f = Facts.subscription("2024-02-29T08:00:00Z").annual().price("120.96").version("2024-02-29T08:00:00Z")
                .activated("2024-02-29T09:00:00Z");
        assertThat(Show.lines(f.run("2024-02-29").lines())).isEqualTo("new 2024-02-29..2025-02-27 q10 1209.60");
        assertThat(f.run("2025-02-27").lines()).isEmpty();
        assertThat(Show.lines(f.run("2025-02-28").lines())).isEqualTo("renew 2025-02-28..2026-02-27 q10 1209.60");
    }

    @Test
    @DisplayName("R3: an annual term from 2023-03-01 spans 29 February 2024: 366 days")
    void annualOverLeapDay() {
        Facts f = Facts.subscription("2023-03-01T08:00:00Z").annual().quantity(1).price("366").currency("JPY")
                .version("2023-03-01T08:00:00Z").activated("2023-03-01T09:00:00Z");
        f.run("2023-03-01");
        // one seat added on the last day of the 366-day cycle: 1 of 366 days at 366 JPY = 1 JPY a seat
        f.quantity(2).version("2024-02-29T10:00:00Z");
        assertThat(Show.lines(f.run("2024-02-29").lines()))
                .isEqualTo("addQuantity 2024-02-29..2024-02-29 q1 -1 | addQuantity 2024-02-29..2024-02-29 q2 2");
    }
}
