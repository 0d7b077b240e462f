package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cancellation family on its own (R10); orders from 2025 have the 72-hour window. */
class CancellationTest {

    private static Facts monthly() {
        return Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
    }

    @Test
    @DisplayName("R10: in window the subscription ends on the cancellation day and every line is reversed, once that day has come")
    void inWindow() {
        SubscriptionFacts f = FamilyFacts.asOf(monthly().cancel("2025-03-11T08:00:00Z"), "2025-03-11");
        Cancellation c = Cancellation.of(f);
        assertThat(c.inWindow()).isTrue();
        assertThat(c.end()).hasToString("2025-03-11");
        assertThat(c.propose(f)).isEmpty();
        InvoiceLine charge = FamilyFacts.lines(ScheduledCharges.propose(f, ScheduledCharges.plan(f, c.end()),
                new TermPrices(f, List.of()))).get(0);
        List<InvoiceLine> reversals = FamilyFacts.lines(c.reversals(f, List.of(charge)));
        assertThat(Show.lines(reversals)).isEqualTo("cancelImmediate 2025-03-10..2025-04-09 q10 -100.80");
        assertThat(reversals.get(0).referenceId()).isEqualTo(charge.lineId());
        assertThat(reversals.get(0).orderDate()).hasToString("2025-03-11");

        // a feed that already carries the cancellation the day before its cancelled_at
        SubscriptionFacts before = FamilyFacts.asOf(monthly().arriving("2025-03-10").cancel("2025-03-11T08:00:00Z"),
                "2025-03-10");
        List<ProposedItem> waiting = Cancellation.of(before).reversals(before, List.of(charge));
        assertThat(FamilyFacts.lines(waiting)).isEmpty();
        assertThat(FamilyFacts.reviews(waiting)).extracting(java.time.LocalDate::toString).containsExactly("2025-03-11");
    }

    @Test
    @DisplayName("R10: out of window the subscription is billed to the end of its term and CANCELLED_OUTSIDE_WINDOW is raised")
    void outOfWindow() {
        SubscriptionFacts f = FamilyFacts.asOf(monthly().cancel("2025-03-20T08:00:00Z"), "2025-03-20");
        Cancellation c = Cancellation.of(f);
        assertThat(c.inWindow()).isFalse();
        assertThat(c.end()).hasToString("2025-04-09");
        assertThat(c.reversals(f, List.of())).isEmpty();
        assertThat(FamilyFacts.findings(c.propose(f))).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
            assertThat(x.message()).contains("cancelled 10 d after the order, outside the 3 d window", "billed to 2025-04-09");
            assertThat(x.actual()).isEqualTo("2025-03-20T08:00:00Z");
        });
    }

    @Test
    @DisplayName("R10: cancelled before S: nothing ever billed, the end is the day before S")
    void beforeStart() {
        Facts h = Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .cancel("2025-03-11T08:00:00Z").activated("2025-03-12T09:00:00Z");
        SubscriptionFacts f = FamilyFacts.asOf(h, "2025-03-12");
        Cancellation c = Cancellation.of(f);
        assertThat(c.beforeStart()).isTrue();
        assertThat(c.end()).hasToString("2025-03-11");
        assertThat(c.propose(f)).isEmpty();
    }
}
