package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.feed.FeedHeaders;
import com.marketplacebilling.ledger.RunLock;
import com.marketplacebilling.support.ChildCli;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** preview, --force-rerun, close-month and concurrent starts (operations.md). */
@Slow
class OperatorCommandsTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("preview publishes what the run would emit into <outbox>/preview and leaves the database exactly as it was")
    void previewLeavesNoTrace() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            assertThat(cli.run("run", "--date", "2026-11-02", "--outbox", out.toString()).exitCode()).isZero();
            Map<String, Long> before = rowCounts(db);

            Cli.Result r = cli.run("preview", "--date", "2026-11-03", "--outbox", out.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(rowCounts(db)).as("every table, the job repository included").isEqualTo(before);
            assertThat(out.resolve("2026-11-03")).doesNotExist();

            assertThat(cli.run("run", "--date", "2026-11-03", "--outbox", out.toString()).exitCode()).isZero();
            for (String f : new String[] {"invoice-lines.csv", "exceptions.csv", "line-explanations.csv"}) {
                assertThat(Files.readString(out.resolve("preview/2026-11-03").resolve(f))).as(f)
                        .isEqualTo(Files.readString(out.resolve("2026-11-03").resolve(f)));
            }
        }
    }

    @Test
    @DisplayName("--force-rerun of a completed date reproduces its lines and republishes identical files; a tampered ledger is reported, exit 1")
    void forceRerunChecksAndRepublishes() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            assertThat(cli.run("run", "--from", "2026-11-02", "--to", "2026-11-05", "--outbox", out.toString()).exitCode()).isZero();
            String lines = Files.readString(out.resolve("2026-11-03/invoice-lines.csv"));
            String exceptions = Files.readString(out.resolve("2026-11-03/exceptions.csv"));
            long stored = count(db, "SELECT count(*) FROM invoice_line");

            Cli.Result r = cli.run("run", "--date", "2026-11-03", "--force-rerun", "--outbox", out.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            long golden = Files.readAllLines(Path.of("src/test/resources/golden/sample-data/2026-11-03/invoice-lines.csv")).size() - 1;
            assertThat(r.out()).contains("reproduces the " + golden + " stored lines");
            assertThat(Files.readString(out.resolve("2026-11-03/invoice-lines.csv"))).isEqualTo(lines);
            assertThat(Files.readString(out.resolve("2026-11-03/exceptions.csv"))).isEqualTo(exceptions);
            assertThat(count(db, "SELECT count(*) FROM invoice_line")).as("nothing billed twice").isEqualTo(stored);

            exec(db, "UPDATE invoice_line SET subtotal = subtotal + 1 WHERE billed_on = '2026-11-03'"
                    + " AND line_id = (SELECT min(line_id) FROM invoice_line WHERE billed_on = '2026-11-03')");
            Cli.Result bad = cli.run("run", "--date", "2026-11-03", "--force-rerun", "--outbox", out.toString());
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).contains("does NOT reproduce").contains("stored ").contains("recomputed ");
            assertThat(Files.readString(out.resolve("2026-11-03/invoice-lines.csv"))).as("not republished").isEqualTo(lines);

            Cli.Result otherRounding = cli.run("run", "--date", "2026-11-04", "--force-rerun", "--rounding", "line",
                    "--outbox", out.toString());
            assertThat(otherRounding.exitCode()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("close-month: invoices.csv totals equal the sum of the month's lines per invoice; a later line for a closed month goes to the next month")
    void closeMonth() throws Exception {
        Path inbox = tmp.resolve("inbox");
        copyDate("2026-11-02", inbox);
        // 2026-11-03: one subscription ordered and activated in October, reported late after October closed
        Path d3 = Files.createDirectories(inbox.resolve("2026-11-03"));
        String header = Files.readAllLines(Path.of("sample-data/2026-11-02/subscriptions.csv")).get(0);
        Files.writeString(d3.resolve("subscriptions.csv"), header + "\n" + row(header));
        Files.writeString(d3.resolve("fulfillment-events.csv"), FeedHeaders.FULFILLMENT_HEADER + "\n"
                + "late-1,sub-late,contoso-saas,LicensesAssigned,2026-10-20T09:00:00Z,,4,Succeeded\n"
                + "late-2,sub-late,contoso-saas,Activate,2026-10-20T10:00:00Z,basic,4,Succeeded\n");
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            String[] io = {"--inbox", inbox.toString(), "--outbox", out.toString()};
            assertThat(cli.run(concat(new String[] {"run", "--date", "2026-11-02"}, io)).exitCode()).isZero();
            Cli.Result early = cli.run(concat(new String[] {"close-month", "--month", "2026-11"}, io));
            assertThat(early.exitCode()).as("refused before the month's last day completed").isEqualTo(3);
            assertThat(early.err()).contains("2026-11-30");

            Cli.Result closed = cli.run(concat(new String[] {"close-month", "--month", "2026-10"}, io));
            assertThat(closed.exitCode()).as(closed.all()).isZero();
            Path month = out.resolve("invoices/2026-10");
            List<String[]> invoices = csv(month.resolve("invoices.csv"));
            Map<String, BigDecimal> fromLines = new TreeMap<>();
            for (String[] l : csv(month.resolve("invoice-lines.csv"))) {
                assertThat(l[0]).startsWith("INV-202610-");
                fromLines.merge(l[0], new BigDecimal(l[20]), BigDecimal::add);
            }
            Map<String, BigDecimal> totals = new TreeMap<>();
            for (String[] inv : invoices) totals.put(inv[0], new BigDecimal(inv[8]));
            assertThat(totals).isNotEmpty();
            assertThat(totals.keySet()).isEqualTo(fromLines.keySet());
            totals.forEach((k, v) -> assertThat(v).as(k).isEqualByComparingTo(fromLines.get(k)));
            assertThat(cli.run(concat(new String[] {"close-month", "--month", "2026-10"}, io)).exitCode()).as("closed already").isEqualTo(3);

            assertThat(cli.run(concat(new String[] {"run", "--date", "2026-11-03"}, io)).exitCode()).isZero();
            List<String[]> late = csv(out.resolve("2026-11-03/invoice-lines.csv")).stream()
                    .filter(l -> l[12].equals("sub-late")).toList();
            assertThat(late).singleElement().satisfies(l -> {
                assertThat(l[7]).as("OrderDate keeps its true date").isEqualTo("2026-10-20");
                assertThat(l[0]).as("invoiced in the first open month").isEqualTo("INV-202611-cust-1001-EUR");
            });
        }
    }

    @Test
    @DisplayName("a run while another process holds the database's run lock is refused with exit 3 naming the owner")
    void concurrentRunIsRefusedNamingTheOwner() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            assertThat(cli.run("run", "--date", "2026-11-02", "--outbox", out.toString()).exitCode()).isZero();
            exec(db, "INSERT INTO business_run (business_date, status, rounding, legacy_until, owner, started_at)"
                    + " VALUES ('2026-11-03', 'STARTED', 'UNIT', '2022-01-01T00:00:00Z', 'pid 4242 on billing-host', now())");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser("postgres");
            try (RunLock held = RunLock.tryAcquire(ds)) {
                assertThat(held).isNotNull();
                Cli.Result r = cli.run("run", "--date", "2026-11-03", "--outbox", out.toString());
                assertThat(r.exitCode()).isEqualTo(3);
                assertThat(r.err()).contains("in progress").contains("pid 4242 on billing-host");
            }
        }
    }

    @Test
    @DisplayName("two processes start the same date together: exactly one runs, the other is refused with exit 3")
    void twoStartsOneRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path out = tmp.resolve("out");
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(ChildCli.start(tmp.resolve("child-" + i + ".log"), "run", "--date", "2026-11-02",
                        "--outbox", out.toString(), "--spring.datasource.url=" + db.url()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Process p : processes) {
                assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
                codes.add(p.exitValue());
            }
            String logs = Files.readString(tmp.resolve("child-0.log")) + Files.readString(tmp.resolve("child-1.log"));
            assertThat(codes.stream().sorted().toList()).as(logs).containsExactly(0, 3);
            assertThat(logs).containsAnyOf("in progress", "already completed");
            assertThat(count(db, "SELECT count(*) FROM batch_job_execution")).isEqualTo(1);
            long golden = Files.readAllLines(Path.of("src/test/resources/golden/sample-data/2026-11-02/invoice-lines.csv")).size() - 1;
            assertThat(count(db, "SELECT count(*) FROM invoice_line")).as("billed once").isEqualTo(golden);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static String row(String header) {
        Map<String, String> v = new HashMap<>(Map.ofEntries(Map.entry("subscription_id", "sub-late"),
                Map.entry("order_id", "ord-late"), Map.entry("customer_id", "cust-1001"),
                Map.entry("customer_name", "Late Customer"), Map.entry("customer_country", "DE"),
                Map.entry("reseller_mpn_id", ""), Map.entry("publisher_id", "contoso-saas"),
                Map.entry("publisher_name", "Contoso SaaS Ltd"), Map.entry("offer_id", "contoso-crm"),
                Map.entry("plan_id", "basic"), Map.entry("friendly_name", "Late CRM"), Map.entry("quantity", "4"),
                Map.entry("unit_price", "10.00"), Map.entry("currency", "EUR"), Map.entry("term", "P1M"),
                Map.entry("billing_frequency", "monthly"), Map.entry("auto_renew", "true"), Map.entry("status", "active"),
                Map.entry("ordered_at", "2026-10-19T08:00:00Z"), Map.entry("updated_at", "2026-10-19T08:00:00Z"),
                Map.entry("cancelled_at", "")));
        List<String> cells = new ArrayList<>();
        for (String col : header.split(",")) cells.add(v.getOrDefault(col, ""));
        return String.join(",", cells) + "\n";
    }

    private static void copyDate(String date, Path inbox) throws IOException {
        Path d = Files.createDirectories(inbox.resolve(date));
        for (String f : new String[] {"subscriptions.csv", "fulfillment-events.csv"}) {
            Files.copy(Path.of("sample-data", date, f), d.resolve(f));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Data rows of one of our own output files (simple: the sample data has no quoted line breaks). */
    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
        }
        return rows;
    }

    static Map<String, Long> rowCounts(TestDatabase db) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                     + " AND table_type = 'BASE TABLE'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) tables.add(rs.getString(1));
            for (String t : tables) counts.put(t, count(db, "SELECT count(*) FROM " + t));
        }
        return counts;
    }

    static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
