package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** MicrosoftFileSource on real PostgreSQL: which lines, in which order, and which share a key with another. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrosoftFileSourceTest {
    private TestDatabase db;
    private JdbcTemplate jdbc;

    @BeforeAll
    void lines() {
        db = TestDatabase.create();
        Cli.Result migrate = new Cli(Cli.repository(), db.url()).run("status");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
        // id, invoice, subscription, type, start, end, quantity, subtotal, rounding
        line("L-1", "INV-202611-c1-EUR", "sub-1", "new", "2026-11-05", "2026-12-04", 3, "30.00", "UNIT");
        line("L-2", "INV-202610-c1-EUR", "sub-2", "new", "2026-10-05", "2026-11-04", 1, "10.00", "LINE");
        line("L-3", "INV-202609-c1-EUR", "sub-3", "new", "2026-09-05", "2026-10-04", 1, "10.00", "UNIT"); // too early
        line("L-4", "INV-202611-c1-EUR", "sub-4", "addQuantity", "2026-11-10", "2026-12-04", 2, "5.00", "UNIT");
        line("L-5", "INV-202611-c1-EUR", "sub-4", "addQuantity", "2026-11-10", "2026-12-04", 2, "5.00", "UNIT"); // same key
        line("L-6", "INV-202612-c1-EUR", "sub-5", "renew", "2026-12-05", "2027-01-04", 1, "10.00", "UNIT"); // too late
        line("L-7", "INV-202611-c0-USD", "sub-6", "new", "2026-11-07", "2026-12-06", 1, "12.00", null); // before V14
        line("L-8", "INV-202611-c1-EUR", "sub-7", "cancelImmediate", "2026-10-01", "2026-10-31", 1, "-10.00", "UNIT");
        line("L-9", "INV-202609-c1-EUR", "sub-7", "cancelImmediate", "2026-10-01", "2026-10-31", 1, "-10.00", "UNIT");
        line("L-10", "INV-202611-c1-EUR", "sub-4", "addQuantity", "2026-11-10", "2026-12-04", 2, "-5.00", "UNIT"); // a credit
    }

    private void line(String id, String invoice, String sub, String type, String start, String end, int quantity,
                      String subtotal, String rounding) {
        jdbc.update("""
                INSERT INTO invoice_line (line_id, billed_on, invoice_number, customer_id, customer_name, customer_country,
                  reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id, plan_id, subscription_id,
                  subscription_description, charge_type, charge_start_date, charge_end_date, unit_price,
                  effective_unit_price, quantity, subtotal, currency, term, billing_frequency, subscription_start_date,
                  subscription_end_date, reference_id, explanation)
                VALUES (?, '2026-11-30', ?, 'c1', 'C One', 'DE', '', 'o1', ?::date, 'p', 'P', 'offer', 'plan', ?, 'd', ?,
                  ?::date, ?::date, 10, 10, ?, ?::numeric, 'EUR', 'P1M', 'monthly', ?::date, ?::date, '', ?)""",
                id, invoice, start, sub, type, start, end, quantity, subtotal, start, end,
                rounding == null ? null : "R4|CHARGE|30|30|" + start + "|" + end + "|" + rounding + "|10|||2026-11-30|1|"
                        + "|||" + start + "||"); // the stored explanation's form (ExplanationColumns)
    }

    @AfterAll
    void drop() { db.close(); }

    @Test
    @DisplayName("the month's and the previous month's lines, in (InvoiceNumber, LineId) order, shared keys flagged over the whole ledger")
    void monthAndBefore() {
        List<String> got = new ArrayList<>();
        new MicrosoftFileSource(jdbc).linesOfMonthAndBefore(YearMonth.of(2026, 11), s -> got.add(s.line().lineId() + " "
                + s.invoiceMonth() + " " + (s.sharesKey() ? "shared" : "own") + " " + s.rounding() + " " + s.remainingDays()));
        assertThat(got).containsExactly(
                "L-2 2026-10 own LINE 30",
                "L-7 2026-11 own null null",
                "L-1 2026-11 own UNIT 30",
                "L-10 2026-11 own UNIT 30",   // same as L-4 and L-5 but a credit: another key
                "L-4 2026-11 shared UNIT 30",
                "L-5 2026-11 shared UNIT 30",
                "L-8 2026-11 shared UNIT 30"); // its twin L-9 is on September's invoice, outside the two months
    }
}
