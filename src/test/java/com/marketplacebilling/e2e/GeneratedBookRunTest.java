package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's generated book runs cleanly through the rules: the first night bills exactly one line per
 * subscription (its current cycle, R4) and raises nothing; later nights raise only what the generator injects
 * (malformed rows, duplicate and late events, cancellations outside the refund window), and renewals and cycle
 * charges fall due every day (R5, R6).
 */
@Slow
class GeneratedBookRunTest {
    static final int SUBSCRIPTIONS = 4000;
    static final Set<String> INJECTED = Set.of("MALFORMED_ROW", "DUPLICATE_EVENT", "LATE_EVENT",
            "CANCELLED_OUTSIDE_WINDOW");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("generated book: one line per subscription on night 1, only injected exceptions, renewals every day")
    void runsCleanly() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path inbox = tmp.resolve("inbox");
            assertThat(cli.run("generate", "--subscriptions", Integer.toString(SUBSCRIPTIONS), "--days", "5",
                    "--seed", "42", "--out", inbox.toString()).exitCode()).isZero();
            List<String> dates = List.of("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06");
            for (String d : dates) {
                Cli.Result r = cli.run("run", "--date", d, "--inbox", inbox.toString(), "--outbox",
                        tmp.resolve("out").toString());
                assertThat(r.exitCode()).as(r.all()).isZero();
                Outputs.assertExplanationsRecompute(tmp.resolve("out").resolve(d)); // issue 11's invariant
            }
            try (var c = db.connect(); var st = c.createStatement()) {
                var rs = st.executeQuery("SELECT count(*), count(DISTINCT subscription_id),"
                        + " count(*) FILTER (WHERE charge_type <> 'new') FROM invoice_line WHERE billed_on = '2026-11-02'");
                rs.next();
                assertThat(rs.getLong(1)).as("night 1 lines").isEqualTo(SUBSCRIPTIONS);
                assertThat(rs.getLong(2)).as("night 1 subscriptions billed").isEqualTo(SUBSCRIPTIONS);
                assertThat(rs.getLong(3)).as("night 1 lines other than new").isZero();
                rs = st.executeQuery("SELECT count(*) FROM billing_exception WHERE business_date = '2026-11-02'");
                rs.next();
                assertThat(rs.getLong(1)).as("night 1 exceptions").isZero();

                Map<String, Long> codes = new TreeMap<>();
                rs = st.executeQuery("SELECT code, count(*) FROM billing_exception GROUP BY code");
                while (rs.next()) codes.put(rs.getString(1), rs.getLong(2));
                assertThat(INJECTED).as("codes raised: %s", codes).containsAll(codes.keySet());
                assertThat(codes).containsKeys("DUPLICATE_EVENT", "CANCELLED_OUTSIDE_WINDOW");

                rs = st.executeQuery("SELECT count(DISTINCT billed_on) FROM invoice_line"
                        + " WHERE charge_type IN ('renew', 'cycleCharge') AND billed_on > '2026-11-02'");
                rs.next();
                assertThat(rs.getLong(1)).as("dates after the first with renewals or cycle charges").isEqualTo(4);
            }
        }
    }
}
