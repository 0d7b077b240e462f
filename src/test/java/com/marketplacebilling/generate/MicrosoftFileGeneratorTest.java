package com.marketplacebilling.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.ledger.MicrosoftFileSource;
import com.marketplacebilling.reconcile.MicrosoftFileReader;
import com.marketplacebilling.reconcile.MicrosoftRow;
import com.marketplacebilling.reconcile.OtherMode;
import com.marketplacebilling.reconcile.OurLine;
import com.marketplacebilling.reconcile.ReconKey;
import com.marketplacebilling.reconcile.ReconMatcher;
import com.marketplacebilling.reconcile.SubscriptionFacts;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * generate --recon on a billed book (real PostgreSQL): the files read back through MicrosoftFileReader with
 * exactly the set-aside and malformed rows the expected counts name, and the reconciliation rules applied to them
 * and the ledger give exactly those counts for every Status and Code. The same seed writes the same bytes.
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrosoftFileGeneratorTest {
    static final YearMonth MONTH = YearMonth.of(2026, 11);
    static final int SUBSCRIPTIONS = 1500;

    @TempDir
    static Path tmp;
    private TestDatabase db;
    private MicrosoftFileSource source;
    private MicrosoftFileGenerator.Result result;
    private Path folder;

    @BeforeAll
    void billTheLastTwoDaysOfNovember() throws Exception {
        db = TestDatabase.create();
        Cli cli = new Cli(Cli.repository(), db.url());
        Path inbox = tmp.resolve("inbox");
        Cli.Result g = cli.run("generate", "--subscriptions", Integer.toString(SUBSCRIPTIONS), "--days", "2",
                "--start", "2026-11-29", "--seed", "7", "--out", inbox.toString());
        assertThat(g.exitCode()).as(g.all()).isZero();
        for (String d : List.of("2026-11-29", "2026-11-30")) {
            Cli.Result r = cli.run("run", "--date", d, "--inbox", inbox.toString(), "--outbox", tmp.resolve("out").toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
        }
        source = new MicrosoftFileSource(new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", "")));
        folder = tmp.resolve("partner-center").resolve(MONTH.toString());
        result = MicrosoftFileGenerator.generate(source, options(42, folder));
    }

    private static MicrosoftFileGenerator.Options options(long seed, Path out) {
        // ten times the default rates, so that a small book has every perturbation
        return new MicrosoftFileGenerator.Options(MONTH, seed, out, MicrosoftFileGenerator.Rates.DEFAULT.times(10));
    }

    @AfterAll
    void drop() { db.close(); }

    @Test
    @DisplayName("every perturbation occurs, and the expected-counts file says so per Status and Code")
    void everyPerturbationIsThere() throws Exception {
        Map<String, Long> file = expectedFile(folder);
        assertThat(file).isEqualTo(new TreeMap<>(result.expected()));
        assertThat(file.keySet()).contains("MATCHED,", "MATCHED,RECON_OTHER_MONTH", "AMOUNT_DIFFERS,RECON_ROUNDING",
                "AMOUNT_DIFFERS,RECON_AMOUNT_MISMATCH", "AMOUNT_DIFFERS,RECON_CURRENCY_MISMATCH",
                "ONLY_MICROSOFT,RECON_BILLED_BEFORE_ACTIVATION", "ONLY_MICROSOFT,RECON_UNKNOWN_SUBSCRIPTION",
                "ONLY_MICROSOFT,RECON_MISSING_IN_OURS", "ONLY_OURS,RECON_MISSING_IN_MICROSOFT",
                "SET_ASIDE,RECON_UNSUPPORTED_CHARGE_TYPE", "SET_ASIDE,RECON_MALFORMED_ROW");
        assertThat(result.files()).hasSizeGreaterThanOrEqualTo(3); // one per billing currency: three eras
        assertThat(result.rows()).isEqualTo(result.compared() + result.setAside() + result.malformed());
    }

    @Test
    @DisplayName("the files read back with MicrosoftFileReader: rows = compared + set aside + malformed, as expected")
    void readBack() throws Exception {
        Map<String, Long> readCodes = new TreeMap<>();
        long rows = 0;
        for (MicrosoftRow ignored : read(readCodes)) rows++;
        long setAside = readCodes.getOrDefault("RECON_UNSUPPORTED_CHARGE_TYPE", 0L);
        long malformed = readCodes.getOrDefault("RECON_MALFORMED_ROW", 0L);
        assertThat(rows).as("compared").isEqualTo(result.compared());
        assertThat(setAside).as("set aside").isEqualTo(result.expected().get("SET_ASIDE,RECON_UNSUPPORTED_CHARGE_TYPE"));
        assertThat(malformed).as("malformed").isEqualTo(result.expected().get("SET_ASIDE,RECON_MALFORMED_ROW"));
        assertThat(rows + setAside + malformed).isEqualTo(result.rows());
    }

    @Test
    @DisplayName("the reconciliation rules on the files and the ledger give exactly the expected counts")
    void reconcilesToTheExpectedCounts() throws Exception {
        Map<String, Long> got = new TreeMap<>();
        Map<String, Long> setAside = new TreeMap<>();
        List<MicrosoftRow> ms = read(setAside);
        setAside.forEach((code, n) -> got.merge("SET_ASIDE," + code, n, Long::sum));
        ms.sort(Comparator.comparing(MicrosoftRow::key).thenComparing(MicrosoftRow::file).thenComparingLong(MicrosoftRow::line));
        List<OurLine> ours = new ArrayList<>();
        Map<String, SubscriptionFacts> facts = new HashMap<>();
        try (Connection c = db.connect(); var st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT line_id, invoice_number, subscription_id, charge_type, charge_start_date,"
                    + " charge_end_date, quantity, customer_id, subtotal, currency, unit_price,"
                    // remainingDays, cycleDays and rounding: fields 3, 4 and 7 of the stored explanation (V20)
                    + " split_part(explanation, '|', 3)::int, split_part(explanation, '|', 4)::int,"
                    + " split_part(explanation, '|', 7) FROM invoice_line");
            while (rs.next()) {
                BigDecimal subtotal = rs.getBigDecimal(9);
                boolean credit = subtotal.signum() < 0;
                ReconKey key = new ReconKey(rs.getString(3), ChargeType.parse(rs.getString(4)),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                        credit ? ReconKey.Direction.CREDIT : ReconKey.Direction.CHARGE, rs.getInt(7));
                String inv = rs.getString(2);
                BigDecimal other = rs.getString(14) == null ? null : OtherMode.subtotal(rs.getBigDecimal(11),
                        rs.getInt(12), rs.getInt(13), rs.getInt(7), rs.getString(10), Rounding.valueOf(rs.getString(14)), credit);
                ours.add(new OurLine(rs.getString(1), inv, YearMonth.of(Integer.parseInt(inv.substring(4, 8)),
                        Integer.parseInt(inv.substring(8, 10))), key, rs.getString(8), subtotal, rs.getString(10), other));
            }
            rs = st.executeQuery("SELECT s.subscription_id,"
                    + " (SELECT min(occurred_at AT TIME ZONE 'UTC')::date FROM fulfillment_event e WHERE e.subscription_id = s.subscription_id AND action = 'LICENSES_ASSIGNED' AND status = 'SUCCEEDED'),"
                    + " (SELECT min(occurred_at AT TIME ZONE 'UTC')::date FROM fulfillment_event e WHERE e.subscription_id = s.subscription_id AND action = 'ACTIVATE' AND status = 'SUCCEEDED')"
                    + " FROM (SELECT DISTINCT subscription_id FROM commerce_version) s");
            while (rs.next()) {
                facts.put(rs.getString(1), new SubscriptionFacts(true, rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)));
            }
        }
        ours.sort(Comparator.comparing(OurLine::key).thenComparing(OurLine::lineId));
        new ReconMatcher(MONTH, id -> facts.getOrDefault(id, SubscriptionFacts.UNKNOWN)).match(ms.iterator(),
                ours.iterator(), r -> got.merge(r.status() + "," + (r.code() == null ? "" : r.code().name()), 1L, Long::sum));
        assertThat(got).isEqualTo(expectedFile(folder));
    }

    @Test
    @DisplayName("deterministic: the same seed writes the same bytes, another seed other perturbations")
    void deterministic() throws Exception {
        Path again = tmp.resolve("again");
        MicrosoftFileGenerator.Result second = MicrosoftFileGenerator.generate(source, options(42, again));
        assertThat(second.files()).hasSameSizeAs(result.files());
        for (int i = 0; i < result.files().size(); i++) {
            assertThat(second.files().get(i).getFileName()).isEqualTo(result.files().get(i).getFileName());
            assertThat(Files.readAllBytes(second.files().get(i))).isEqualTo(Files.readAllBytes(result.files().get(i)));
        }
        assertThat(Files.readString(again.resolve(MicrosoftFileGenerator.EXPECTED)))
                .isEqualTo(Files.readString(folder.resolve(MicrosoftFileGenerator.EXPECTED)));
        MicrosoftFileGenerator.Result other = MicrosoftFileGenerator.generate(source, options(43, tmp.resolve("other")));
        assertThat(other.expected()).isNotEqualTo(result.expected());
    }

    @Test
    @DisplayName("Partner Center's shape: 47 columns, three eras of headers, dates, ChargeType spellings, BOM and CRLF")
    void shape() throws Exception {
        String eur = Files.readString(folder.resolve(name("EUR")), StandardCharsets.UTF_8);
        String usd = Files.readString(folder.resolve(name("USD")), StandardCharsets.UTF_8);
        String gbp = Files.readString(folder.resolve(name("GBP")), StandardCharsets.UTF_8);
        assertThat(eur.lines().findFirst().orElseThrow().split(",")).hasSize(47).startsWith("PartnerId", "CustomerId");
        assertThat(eur).doesNotContain("\r\n").contains(",11/30/2026,").contains(",cycleCharge,");
        assertThat(usd).startsWith("\uFEFFPartner Id,Customer Id,").contains("\r\n").contains("PC To BC Exchange Rate")
                .contains(" 12:00:00 AM,").contains(",Cycle fee,");
        assertThat(gbp).startsWith("partnerId,customerId,").contains(" 0:00:00,");
    }

    @Test
    @DisplayName("bin/billing generate --recon: into <inbox>/partner-center/<month>, refused over CSV files or for an empty month, bad usage exit 2")
    void command() throws Exception {
        Cli cli = new Cli(Cli.repository(), db.url());
        Path inbox = tmp.resolve("cmd-inbox");
        Cli.Result r = cli.run("generate", "--recon", "2026-11", "--seed", "42", "--inbox", inbox.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        Path folder = inbox.resolve("partner-center").resolve("2026-11");
        Map<String, Long> expected = expectedFile(folder);
        assertThat(expected.get("MATCHED,")).isGreaterThan(1000);
        assertThat(r.out()).contains("wrote ").contains(folder.toString()).contains("MATCHED,," + expected.get("MATCHED,"));
        assertThat(HostileFiles.csv(folder)).hasSizeGreaterThanOrEqualTo(3);

        Cli.Result again = cli.run("generate", "--recon", "2026-11", "--inbox", inbox.toString());
        assertThat(again.exitCode()).as(again.all()).isEqualTo(3);
        assertThat(again.err()).contains("already holds CSV files");
        Cli.Result empty = cli.run("generate", "--recon", "2025-01", "--out", tmp.resolve("empty").toString());
        assertThat(empty.exitCode()).as(empty.all()).isEqualTo(3);
        assertThat(empty.err()).contains("nothing to write for 2025-01");
        for (String[] bad : List.of(new String[] {"--recon", "2026-13"}, new String[] {"--recon", "2026-11", "--days", "3"},
                new String[] {"--recon", "2026-11", "--seed", "x"})) {
            List<String> args = new ArrayList<>(List.of("generate"));
            args.addAll(List.of(bad));
            Cli.Result u = cli.run(args.toArray(String[]::new));
            assertThat(u.exitCode()).as(String.join(" ", bad) + "\n" + u.all()).isEqualTo(2);
        }
    }

    /** The *.csv files of a folder. */
    static final class HostileFiles {
        static List<Path> csv(Path folder) throws Exception {
            try (var s = Files.list(folder)) {
                return s.filter(p -> p.toString().endsWith(".csv")).toList();
            }
        }
    }

    private String name(String currency) {
        return result.files().stream().map(p -> p.getFileName().toString()).filter(n -> n.contains("-" + currency + "-"))
                .findFirst().orElseThrow();
    }

    /** Every compared row of the folder's files; set-aside rows counted per code into {@code setAside}. */
    private List<MicrosoftRow> read(Map<String, Long> setAside) throws Exception {
        List<MicrosoftRow> rows = new ArrayList<>();
        for (Path f : result.files()) {
            try (InputStream in = Files.newInputStream(f);
                 MicrosoftFileReader reader = new MicrosoftFileReader(f.getFileName().toString(), in)) {
                for (MicrosoftFileReader.Outcome o = reader.next(); o != null; o = reader.next()) {
                    if (o instanceof MicrosoftFileReader.Compared c) rows.add(c.row());
                    else if (o instanceof MicrosoftFileReader.SetAside s) setAside.merge(s.code().name(), 1L, Long::sum);
                }
            }
        }
        return rows;
    }

    static Map<String, Long> expectedFile(Path folder) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String line : Files.readAllLines(folder.resolve(MicrosoftFileGenerator.EXPECTED))) {
            if (line.startsWith("#") || line.equals("Status,Code,Rows")) continue;
            int last = line.lastIndexOf(',');
            m.put(line.substring(0, last), Long.parseLong(line.substring(last + 1)));
        }
        return m;
    }
}
