package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChargeScheduleTest {

    @Test
    @DisplayName("R3: S = 2021-01-31 monthly gives 01-31..02-27, 02-28..03-30, 03-31..04-29 (anchored on S, not chained)")
    void monthEndAnchorSpringsBack() {
        ChargeSchedule s = ChargeSchedule.of(LocalDate.of(2021, 1, 31), Term.P1M, BillingFrequency.MONTHLY);
        assertThat(s.cycle(0)).isEqualTo(new ChargeCycle(0, LocalDate.of(2021, 1, 31), LocalDate.of(2021, 2, 27)));
        assertThat(s.cycle(1)).isEqualTo(new ChargeCycle(1, LocalDate.of(2021, 2, 28), LocalDate.of(2021, 3, 30)));
        assertThat(s.cycle(2)).isEqualTo(new ChargeCycle(2, LocalDate.of(2021, 3, 31), LocalDate.of(2021, 4, 29)));
        assertThat(s.cycle(0).days()).isEqualTo(28);
    }

    @ParameterizedTest(name = "R3: S = {0}, cycle {1} is {2}..{3} ({4} days)")
    @CsvSource({
            "2024-01-29, 1, 2024-02-29, 2024-03-28, 29",
            "2024-01-30, 1, 2024-02-29, 2024-03-29, 30",
            "2024-01-31, 1, 2024-02-29, 2024-03-30, 31",
            "2024-02-29, 0, 2024-02-29, 2024-03-28, 29",
            "2023-01-31, 0, 2023-01-31, 2023-02-27, 28",
            "2021-06-18, 0, 2021-06-18, 2021-07-17, 30",
            "2022-03-05, 0, 2022-03-05, 2022-04-04, 31",
    })
    void monthlyCycles(LocalDate s, int j, LocalDate start, LocalDate end, int days) {
        ChargeCycle c = ChargeSchedule.of(s, Term.P1M, BillingFrequency.MONTHLY).cycle(j);
        assertThat(c.start()).isEqualTo(start);
        assertThat(c.end()).isEqualTo(end);
        assertThat(c.days()).isEqualTo(days);
    }

    @ParameterizedTest(name = "R3: annual from {0}: {1} days")
    @CsvSource({"2022-03-01, 365", "2024-02-29, 365", "2023-02-28, 365", "2023-03-01, 366"})
    void annualCycles(LocalDate s, int days) {
        ChargeSchedule sched = ChargeSchedule.of(s, Term.P1Y, BillingFrequency.ANNUAL);
        assertThat(sched.cycle(0).days()).isEqualTo(days);
        assertThat(sched.term(0)).isEqualTo(sched.cycle(0));
    }

    @Test
    @DisplayName("R3: the cycle containing a day is found also next to clamped month ends")
    void cycleOn() {
        ChargeSchedule s = ChargeSchedule.of(LocalDate.of(2021, 1, 31), Term.P1Y, BillingFrequency.MONTHLY);
        for (LocalDate d = LocalDate.of(2021, 1, 31); d.isBefore(LocalDate.of(2023, 3, 1)); d = d.plusDays(1)) {
            assertThat(s.cycleOn(d).contains(d)).as(d.toString()).isTrue();
            assertThat(s.termOn(d).contains(d)).as(d.toString()).isTrue();
        }
        assertThat(s.startsTerm(12)).isTrue();
        assertThat(s.startsTerm(11)).isFalse();
    }
}
