package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: {@code bin/billing explain} on the sample book, on real PostgreSQL and on the embedded database. */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainCommandTest {
    private TestDatabase db;
    private Cli cli;
    @TempDir
    static Path tmp;

    @BeforeAll
    void billTheSampleWeek() {
        db = TestDatabase.create();
        cli = new Cli(Cli.repository(), db.url());
        Cli.Result r = cli.run("run", "--from", "2026-11-02", "--to", "2026-11-06", "--outbox", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @AfterAll
    void dropDatabase() { db.close(); }

    @Test
    @DisplayName("R8: the story of sub-0016 tells its plan change: the facts, the billing start and why, the convert pair with its arithmetic")
    void planChangeStory() {
        Cli.Result r = cli.run("explain", "--subscription", "sub-0016");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out())
                .contains("Subscription sub-0016: De Vries Logistiek B.V. (cust-1006)")
                .contains("billing starts 2026-10-12 (R1: the later of the publisher's first successful LicensesAssigned"
                        + " and Activate: LicensesAssigned evt-000164 at 2026-10-12T07:00:00Z and Activate evt-000165 at"
                        + " 2026-10-12T07:30:00Z)")
                .contains("2026-11-05  commerce   updated_at 2026-11-05T11:00:00Z (subscriptions.csv of 2026-11-05, line 9):"
                        + " plan basic → pro, unit price 10.08 → 18.50")
                .contains("Plan change basic → pro on 2026-11-05 (subscriptions.csv of 2026-11-05, line 9): credit 10 seats"
                        + " of basic × 10.08 × 7/31 = 22.7612903225…, truncated per unit to 2.27 → −22.70 (rounding unit)")
                .contains("charge 10 seats of pro × 18.50 × 7/31 = 41.7741935483…, truncated per unit to 4.17 → 41.70")
                .contains("ERROR MALFORMED_ROW, raised by the run of 2026-11-05")
                .contains("3 lines, net 119.80 EUR; 1 exception");
        // in time order: the order, the billing start, the new line, then the change and its pair
        String out = r.out();
        assertThat(out.indexOf("billing starts")).isLessThan(out.indexOf("plan basic → pro"));
        assertThat(out.indexOf("plan basic → pro")).isLessThan(out.indexOf("Plan change basic → pro"));
    }

    @Test
    @DisplayName("--date shows the story as known at the end of that date: before the plan change, none of it")
    void storyAsOfADate() {
        Cli.Result r = cli.run("explain", "--subscription", "sub-0016", "--date", "2026-11-04");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("as known at the end of 2026-11-04").doesNotContain("Plan change")
                .contains("1 line, net 100.80 EUR; 0 exceptions");
    }

    @Test
    @DisplayName("R7: a seat change line explains 20 → 25 seats with the exact value before truncation")
    void seatChangeLine() {
        Cli.Result r = cli.run("explain", "--line", "L-6d8a9ab3a54b88d70eb8");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("addQuantity 2026-11-03..2026-11-04, subscription sub-0021")
                .contains("why: Seat change 20 → 25 on 2026-11-03 (subscriptions.csv of 2026-11-03, line 5): charge 25 seats"
                        + " × 3.90 × 2/31 = 6.2903225806…, truncated per unit to 0.25 → 6.25 (rounding unit)")
                .contains("rule: R7").contains("inputs: unit price 3.90, quantity 25, 2 of 31 days of the cycle 2026-10-05..2026-11-04")
                .contains("check: recomputed from these inputs, the amount is exactly 6.25");
    }

    @Test
    @DisplayName("R10: an in-window cancellation reverses the new line it names")
    void inWindowCancellation() {
        Cli.Result r = cli.run("explain", "--subscription", "sub-0039");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("status active → cancelled (cancelled_at 2026-11-05T09:00:00Z)")
                .contains("Cancelled within the cancellation window on 2026-11-05 (subscriptions.csv of 2026-11-05, line 7):"
                        + " reverses line L-6eec6f3c7668d410a85d of 2026-11-03..2026-12-02: credit 5 seats × 11.00 × 30/30"
                        + " = 55.00 → −55.00 (rounding unit)")
                .contains("2 lines, net 0.00 USD");
    }

    @Test
    @DisplayName("R13: a reinstated cycle is charged from the Reinstate event for 29 of its 30 days")
    void reinstatedCycle() {
        Cli.Result r = cli.run("explain", "--subscription", "sub-0009");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("evt-000177 Suspend Succeeded at 2026-11-03T10:00:00Z")
                .contains("suspended by the publisher")
                .contains("2026-11-04  cycle      charge cycle 2026-11-04..2026-12-03 (30 days): suspended when it began,"
                        + " so not charged then (R13)")
                .contains("Reinstated on 2026-11-05 (evt-000197, fulfillment-events.csv"
                        + " of 2026-11-05, line 11) after a suspension skipped the start of cycle 2026-11-04..2026-12-03,"
                        + " charged 2026-11-05..2026-12-03");
        assertThat(r.out()).contains("charge 8 seats × 45.00 × 29/30 = 348.00 (rounding unit)");
    }

    @Test
    @DisplayName("R6: a renewal due on 2026-11-04 but billed by the run of 2026-11-05 is marked a catch-up")
    void catchUpRenewal() {
        Cli.Result r = cli.run("explain", "--line", "L-791632908bcb6ea1b7a2");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("billed by the run of 2026-11-05")
                .contains("Renewal for the new term 2026-11-04..2026-12-03")
                .contains("due on 2026-11-04, billed by the run of 2026-11-05 (catch-up)")
                .contains("due on 2026-11-04, earlier than the run that billed it (catch-up)");
    }

    @Test
    @DisplayName("an unknown line or subscription is refused with exit 3; bad usage exits 2")
    void unknownIds() {
        Cli.Result line = cli.run("explain", "--line", "L-00000000000000000000");
        assertThat(line.exitCode()).isEqualTo(3);
        assertThat(line.err()).contains("no line L-00000000000000000000 was ever billed");
        Cli.Result sub = cli.run("explain", "--subscription", "sub-9999");
        assertThat(sub.exitCode()).isEqualTo(3);
        assertThat(sub.err()).contains("no feed ever named subscription sub-9999");
        assertThat(cli.run("explain").exitCode()).isEqualTo(2);
        assertThat(cli.run("explain", "--line", "L-1", "--subscription", "sub-0016").exitCode()).isEqualTo(2);
        assertThat(cli.run("explain", "--line", "L-1", "--date", "2026-11-02").exitCode()).isEqualTo(2);
    }

    @Test
    @DisplayName("a line billed before explanations were stored (V14) shows \"explanation not recorded\"")
    void lineWithoutExplanation() throws Exception {
        try (var c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE saved AS SELECT * FROM invoice_line WHERE line_id = 'L-7648028f0b59a26495bd'");
            st.executeUpdate("UPDATE invoice_line SET explanation = NULL WHERE line_id = 'L-7648028f0b59a26495bd'");
        }
        try {
            Cli.Result r = cli.run("explain", "--line", "L-7648028f0b59a26495bd");
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains("explanation not recorded").contains("Subtotal 1332.00");
        } finally {
            try (var c = db.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE invoice_line l SET explanation = s.explanation FROM saved s"
                        + " WHERE l.line_id = s.line_id");
                st.executeUpdate("DROP TABLE saved");
            }
        }
    }

    @Test
    @DisplayName("explain works on the embedded database too")
    void embeddedDatabase() throws Exception {
        Cli embedded = new Cli(Cli.repository(), null);
        String dbDir = tmp.resolve("db").toString();
        Cli.Result run = embedded.run("run", "--date", "2026-11-02", "--db", dbDir, "--outbox", tmp.resolve("eout").toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        Cli.Result r = embedded.run("explain", "--subscription", "sub-0016", "--db", dbDir);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("billing starts 2026-10-12").contains("1 line, net 100.80 EUR");
        assertThat(Files.readString(tmp.resolve("eout").resolve("2026-11-02").resolve("line-explanations.csv")))
                .isEqualTo(Files.readString(Path.of("src/test/resources/golden/sample-data/2026-11-02/line-explanations.csv")));
    }
}
