package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.billing.Term;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The billing ledger in PostgreSQL: facts received, lines billed, exceptions raised. Every write is
 * idempotent (keyed inserts that ignore a row already there), so a chunk replayed after a crash changes
 * nothing.
 */
public class Ledger {
    private final JdbcTemplate jdbc;

    /** Reads large results a few thousand rows at a time (a cursor, when in a transaction). */
    private final JdbcTemplate streaming;

    public Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(5000);
    }

    /** Raises work_mem for the current transaction only (SET LOCAL; a no-op outside one). */
    private void bigSort() {
        jdbc.execute((java.sql.Connection c) -> {
            if (!c.getAutoCommit()) {
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL work_mem = '256MB'");
                }
            }
            return null;
        });
    }

    public JdbcTemplate jdbc() { return jdbc; }

    // ---- facts ---------------------------------------------------------------------------------------

    public void storeVersions(List<CommerceVersion> versions) {
        if (versions.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (CommerceVersion v : versions) {
            rows.text(v.subscriptionId()).text(v.contentKey()).date(v.source().businessDate())
                    .number(v.source().line()).text(v.orderId()).text(v.customerId()).text(v.customerName())
                    .text(v.customerCountry()).text(v.resellerMpnId()).text(v.publisherId()).text(v.publisherName())
                    .text(v.offerId()).text(v.planId()).text(v.friendlyName()).number(v.quantity())
                    .decimal(v.unitPrice()).text(v.currency()).text(v.term().name())
                    .text(v.billingFrequency().name()).bool(v.autoRenew()).text(v.status().name())
                    .instant(v.orderedAt()).instant(v.updatedAt()).instant(v.cancelledAt()).end();
        }
        store("commerce_version", rows, versions.stream().map(CommerceVersion::subscriptionId),
                versions.get(0).source().businessDate());
    }

    public void storeEvents(List<FulfillmentEvent> events) {
        if (events.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (FulfillmentEvent e : events) {
            rows.date(e.source().businessDate()).number(e.source().line()).text(e.eventId())
                    .text(e.subscriptionId()).text(e.publisherId()).text(e.action().name())
                    .instant(e.occurredAt()).text(e.planId()).number(e.quantity()).text(e.status().name()).end();
        }
        store("fulfillment_event", rows, events.stream().map(FulfillmentEvent::subscriptionId),
                events.get(0).source().businessDate());
    }

    /**
     * Stores fact rows ({@link #copy}), then registers every subscription they name: it becomes due for billing
     * on the date of its new facts (the bill step looks only at due subscriptions). In id order: the two feeds
     * load at the same time and register the same subscriptions, and taking row locks in one order cannot
     * deadlock.
     */
    private void store(String table, CopyRows rows, Stream<String> subscriptionIds, LocalDate seen) {
        String[] ids = subscriptionIds.distinct().sorted().toArray(String[]::new);
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> {
                copy(c, table, rows);
                Array array = c.createArrayOf("text", ids);
                try (var ps = c.prepareStatement("""
                        INSERT INTO subscription (subscription_id, first_seen, next_due)
                        SELECT id, ?, ? FROM unnest(?::text[]) AS id ORDER BY id COLLATE "C"
                        ON CONFLICT (subscription_id) DO UPDATE SET next_due = EXCLUDED.next_due
                        WHERE subscription.next_due IS NULL OR subscription.next_due > EXCLUDED.next_due""")) {
                    ps.setObject(1, seen);
                    ps.setObject(2, seen);
                    ps.setArray(3, array);
                    ps.executeUpdate();
                } finally {
                    array.free();
                }
            });
            return null;
        });
    }

    /**
     * COPYs rows straight into {@code table}. Should some be there already (an identical commerce row resent, a
     * line or fact written before), the COPY is undone to a savepoint and the rows go through a session-local
     * staging table instead, moved with keyed inserts that ignore rows already there: idempotent like the rest
     * of the ledger, at COPY speed when nothing conflicts (every first write).
     */
    private static void copy(java.sql.Connection c, String table, CopyRows rows) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            rows.copyInto(c, table);
            c.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) throw e;
            c.rollback(before);
        }
        String stage = "stage_" + table;
        try (var st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table + ")");
            st.execute("TRUNCATE " + stage);
            rows.copyInto(c, stage);
            st.execute("INSERT INTO " + table + " SELECT * FROM " + stage + " ON CONFLICT DO NOTHING");
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs the work in the connection's transaction, or in one of its own when the connection has none. */
    private static void inTransaction(java.sql.Connection c, SqlWork work) throws SQLException {
        boolean auto = c.getAutoCommit();
        if (auto) c.setAutoCommit(false);
        try {
            work.run();
            if (auto) c.commit();
        } catch (SQLException | RuntimeException e) {
            if (auto) c.rollback();
            throw e;
        } finally {
            if (auto) c.setAutoCommit(true);
        }
    }

    // ---- outcomes ------------------------------------------------------------------------------------

    public void storeLines(List<InvoiceLine> lines, LocalDate billedOn) {
        storeLines(lines, null, billedOn);
    }

    /**
     * Stores lines billed by the run of {@code billedOn} with their explanations (the same order as {@code lines};
     * null: not recorded), each in the line's own row.
     */
    public void storeLines(List<InvoiceLine> lines, List<LineExplanation> explanations, LocalDate billedOn) {
        if (lines.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine l = lines.get(i);
            rows.text(l.lineId()).date(billedOn).text(l.invoiceNumber()).text(l.customerId())
                    .text(l.customerName()).text(l.customerCountry()).text(l.resellerMpnId()).text(l.orderId())
                    .date(l.orderDate()).text(l.publisherId()).text(l.publisherName()).text(l.offerId())
                    .text(l.planId()).text(l.subscriptionId()).text(l.subscriptionDescription())
                    .text(l.chargeType().feedName()).date(l.chargeStartDate()).date(l.chargeEndDate())
                    .decimal(l.unitPrice()).decimal(l.effectiveUnitPrice()).number(l.quantity())
                    .decimal(l.subtotal()).text(l.currency()).text(l.term().name())
                    .text(l.billingFrequency().feedName()).date(l.subscriptionStartDate())
                    .date(l.subscriptionEndDate()).text(l.referenceId());
            ExplanationColumns.write(rows, explanations == null ? null : explanations.get(i));
            rows.end();
        }
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> copy(c, "invoice_line", rows));
            return null;
        });
    }

    /**
     * Records that the run of {@code reviewedOn} billed these subscriptions, and the date each is next due
     * (null: not without new facts). One statement for the whole chunk.
     */
    public void recordReviews(List<String> ids, List<LocalDate> nextDue, LocalDate reviewedOn) {
        if (ids.isEmpty()) return;
        jdbc.execute((java.sql.Connection c) -> {
            Array idArray = c.createArrayOf("text", ids.toArray());
            Array dueArray = c.createArrayOf("text", nextDue.stream().map(d -> d == null ? null : d.toString()).toArray());
            try (var ps = c.prepareStatement("""
                    UPDATE subscription s SET reviewed_on = ?, next_due = coalesce(v.due, 'infinity')
                    FROM unnest(?::text[], ?::text[]::date[]) AS v(id, due) WHERE s.subscription_id = v.id""")) {
                ps.setObject(1, reviewedOn);
                ps.setArray(2, idArray);
                ps.setArray(3, dueArray);
                ps.executeUpdate();
            } finally {
                idArray.free();
                dueArray.free();
            }
            return null;
        });
    }

    /**
     * Before a bill step: subscriptions of abandoned runs are due again, and the planner sees the rows just
     * loaded. Runs once per bill step, before its slices start.
     */
    public void prepareBilling() {
        reopenAbandonedReviews();
        analyzeChanged();
    }

    /**
     * Subscriptions reviewed by a run that was later abandoned (its lines and facts are gone) are due again.
     * Runs before the bill step of every date; cheap when nothing was ever abandoned.
     */
    private void reopenAbandonedReviews() {
        LocalDate last = jdbc.queryForObject("SELECT max(business_date) FROM business_run WHERE status = 'ABANDONED'",
                LocalDate.class);
        if (last == null) return;
        jdbc.update("""
                UPDATE subscription SET next_due = reviewed_on
                WHERE reviewed_on IN (SELECT business_date FROM business_run WHERE status = 'ABANDONED')
                  AND (next_due IS NULL OR next_due > reviewed_on)""");
    }

    /**
     * Refreshes the planner's statistics of the ledger tables that changed by more than a tenth since their last
     * analysis (autovacuum would, but later): right after a big load the planner otherwise believes the tables
     * empty and scans them whole for every page of histories.
     */
    private void analyzeChanged() {
        List<String> stale = jdbc.queryForList("""
                SELECT relname FROM pg_stat_user_tables
                WHERE relname IN ('subscription', 'commerce_version', 'fulfillment_event', 'invoice_line',
                                  'billing_exception')
                  AND schemaname = current_schema()
                  AND n_mod_since_analyze > 1000 + 0.1 * n_live_tup""", String.class);
        if (!stale.isEmpty()) jdbc.execute("ANALYZE " + String.join(", ", stale));
    }

    public void storeExceptions(List<BillingException> exceptions) {
        if (exceptions.isEmpty()) return;
        jdbc.batchUpdate("""
                INSERT INTO billing_exception (exception_id, business_date, severity, code, subscription_id,
                  customer_id, source_file, source_line, event_id, message, expected, actual)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""", exceptions, 1000, (ps, e) -> {
            ps.setString(1, e.exceptionId());
            ps.setObject(2, e.businessDate());
            ps.setString(3, e.severity().name());
            ps.setString(4, e.code().name());
            ps.setString(5, e.subscriptionId());
            ps.setString(6, e.customerId());
            ps.setString(7, e.sourceFile());
            ps.setLong(8, e.sourceLine());
            ps.setString(9, e.eventId());
            ps.setString(10, e.message());
            ps.setString(11, e.expected());
            ps.setString(12, e.actual());
        });
    }

    // ---- histories for the billing core ----------------------------------------------------------------

    /**
     * Up to {@code limit} ids of the slice after {@code afterId} (exclusive; null for the first page), in binary
     * order: every subscription when {@code date} is null, else those due for billing by {@code date} (new facts,
     * never billed, or a date the billing core named has come).
     */
    public List<String> subscriptionIdsAfter(String afterId, LocalDate date, SubscriptionSlice slice, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT subscription_id FROM subscription WHERE ");
        if (afterId != null || slice.from() == null) {
            sql.append("subscription_id > ?");
            args.add(afterId == null ? "" : afterId);
        } else {
            sql.append("subscription_id >= ?");
            args.add(slice.from());
        }
        if (slice.to() != null) {
            sql.append(" AND subscription_id < ?");
            args.add(slice.to());
        }
        if (date != null) {
            sql.append(" AND (next_due IS NULL OR next_due <= ?)");
            args.add(date);
        }
        sql.append(" ORDER BY subscription_id LIMIT ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }

    /**
     * Ids that cut the subscriptions due by {@code date} into about {@code parts} equal consecutive ranges (from
     * a 1% sample; fewer when few are due).
     */
    public List<String> dueIdSplits(LocalDate date, int parts) {
        List<String> sample = jdbc.queryForList("SELECT subscription_id FROM subscription"
                + " WHERE (next_due IS NULL OR next_due <= ?) AND random() < 0.01 ORDER BY subscription_id",
                String.class, date);
        return splits(sample, parts);
    }

    private static List<String> splits(List<String> sortedSample, int parts) {
        List<String> bounds = new ArrayList<>();
        for (int k = 1; k < parts && !sortedSample.isEmpty(); k++) {
            String b = sortedSample.get(sortedSample.size() * k / parts);
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(b)) bounds.add(b);
        }
        return bounds;
    }

    /** Subscriptions the bill step of {@code date} will review (for progress reports). */
    public long dueCount(LocalDate date) {
        return jdbc.queryForObject("SELECT count(*) FROM subscription WHERE next_due IS NULL OR next_due <= ?",
                Long.class, date);
    }

    /**
     * The histories of the given subscriptions as known at the end of {@code asOf}, with the lines billed and
     * exceptions raised by runs before {@code excludeFrom} (null: all of them), in the order of {@code ids}.
     */
    public List<SubscriptionHistory> histories(List<String> ids, LocalDate asOf, LocalDate excludeFrom) {
        Map<String, List<CommerceVersion>> versions = new HashMap<>();
        Map<String, List<FulfillmentEvent>> events = new HashMap<>();
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        Map<String, Set<String>> raised = new HashMap<>();
        List<String> reviewed = excludeFrom != null ? ids : new ArrayList<>();
        withIds(ids, array -> {
            jdbc.query("SELECT " + VERSION_COLUMNS + " FROM commerce_version WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> versions.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(version(rs)), array, asOf);
            jdbc.query("SELECT " + EVENT_COLUMNS + " FROM fulfillment_event WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> events.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(event(rs)), array, asOf);
            // Lines and the core's exceptions are written only with a review (LedgerWriter, one transaction), so
            // a subscription never reviewed has none: on a first night that is every one, and two queries go.
            if (excludeFrom == null) reviewed.addAll(jdbc.queryForList("SELECT subscription_id FROM subscription"
                    + " WHERE subscription_id = ANY(?) AND reviewed_on IS NOT NULL", String.class, array));
        });
        if (!reviewed.isEmpty()) withIds(reviewed, array -> {
            // No date condition in a normal run: "billed_on < 9999-12-31" led the planner to the billed_on index,
            // which returns every line of the growing table for each page (quadratic on a large first night).
            jdbc.query("SELECT " + LINE_COLUMNS + " FROM invoice_line WHERE subscription_id = ANY(?)"
                            + (excludeFrom == null ? "" : " AND billed_on < ?"),
                    (RowCallbackHandler) rs -> lines.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(line(rs)), withCut(array, excludeFrom));
            jdbc.query("SELECT subscription_id, exception_id FROM billing_exception WHERE subscription_id = ANY(?)"
                            + (excludeFrom == null ? "" : " AND business_date < ?"),
                    (RowCallbackHandler) rs -> raised.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2)), withCut(array, excludeFrom));
        });
        List<SubscriptionHistory> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(new SubscriptionHistory(id, versions.getOrDefault(id, List.of()),
                    events.getOrDefault(id, List.of()), lines.getOrDefault(id, List.of()),
                    raised.getOrDefault(id, Set.of())));
        }
        return out;
    }

    private static Object[] withCut(Array ids, LocalDate cut) {
        return cut == null ? new Object[] {ids} : new Object[] {ids, cut};
    }

    private void withIds(List<String> ids, Consumer<Array> body) {
        jdbc.execute((java.sql.Connection c) -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try {
                body.accept(array);
            } finally {
                array.free();
            }
            return null;
        });
    }

    // ---- outputs ---------------------------------------------------------------------------------------

    /**
     * Lines billed by the run of a date with InvoiceNumber in [from, to) (null: unbounded), in the contract's
     * order (binary text order). Streamed with a cursor, never held in memory as a whole, in a transaction of this
     * call's own when the caller has none (a cursor needs one), so parts of one file can be read by several
     * threads; the sort gets memory for itself so that it rarely spills to disk.
     */
    public void linesBilledOn(LocalDate d, String from, String to, Consumer<InvoiceLine> sink) {
        linesBilledOn(d, from, to, false, (l, e) -> sink.accept(l));
    }

    /**
     * {@link #linesBilledOn(LocalDate, String, String, Consumer)} with each line's explanation (null for a line
     * billed before explanations were recorded), read from the same row.
     */
    public void explainedLinesBilledOn(LocalDate d, String from, String to,
                                       java.util.function.BiConsumer<InvoiceLine, LineExplanation> sink) {
        linesBilledOn(d, from, to, true, sink);
    }

    private void linesBilledOn(LocalDate d, String from, String to, boolean explained,
                               java.util.function.BiConsumer<InvoiceLine, LineExplanation> sink) {
        String columns = explained ? LINE_COLUMNS + ", " + ExplanationColumns.COLUMNS : LINE_COLUMNS;
        int at = LINE_COLUMN_COUNT + 1;
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> {
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL work_mem = '256MB'");
                }
                try (var ps = c.prepareStatement("SELECT " + columns + " FROM invoice_line WHERE billed_on = ?"
                        + (from == null ? "" : " AND invoice_number >= ?") + (to == null ? "" : " AND invoice_number < ?")
                        + " ORDER BY invoice_number, subscription_id, order_date, charge_start_date, line_id")) {
                    int i = 1;
                    ps.setObject(i++, d);
                    if (from != null) ps.setString(i++, from);
                    if (to != null) ps.setString(i, to);
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            InvoiceLine l = line(rs);
                            sink.accept(l, explained ? ExplanationColumns.read(rs, at, l) : null);
                        }
                    }
                }
            });
            return null;
        });
    }

    /**
     * InvoiceNumbers that cut the date's lines into about {@code parts} equal consecutive ranges (from a 1%
     * sample), or none when the date has fewer than {@code minLines} lines.
     */
    public List<String> invoiceNumberSplits(LocalDate d, int parts, long minLines) {
        List<String> sample = jdbc.queryForList("SELECT invoice_number FROM invoice_line"
                + " WHERE billed_on = ? AND random() < 0.01 ORDER BY invoice_number", String.class, d);
        return sample.size() * 100L < minLines ? List.of() : splits(sample, parts);
    }

    /** Lines billed by the run of a date for the given subscriptions (to compare a recomputation). */
    public List<InvoiceLine> linesBilledOn(LocalDate d, List<String> ids) {
        List<InvoiceLine> out = new ArrayList<>();
        withIds(ids, array -> jdbc.query("SELECT " + LINE_COLUMNS + " FROM invoice_line WHERE billed_on = ? AND subscription_id = ANY(?)",
                (RowCallbackHandler) rs -> out.add(line(rs)), d, array));
        return out;
    }

    /** The earliest month any line is invoiced in (its InvoiceNumber's month), or null when nothing is billed. */
    public java.time.YearMonth firstInvoiceMonth() {
        String m = jdbc.queryForObject("SELECT min(substr(invoice_number, 5, 6)) FROM invoice_line", String.class);
        return m == null ? null : java.time.YearMonth.of(Integer.parseInt(m.substring(0, 4)),
                Integer.parseInt(m.substring(4, 6)));
    }

    /** The months from {@code from} up to {@code to} (inclusive) in which some line is invoiced, in order. */
    public List<java.time.YearMonth> invoiceMonthsWithLines(java.time.YearMonth from, java.time.YearMonth to) {
        return jdbc.queryForList("SELECT DISTINCT substr(invoice_number, 5, 6) AS m FROM invoice_line"
                        + " WHERE invoice_number >= ? AND invoice_number < ? ORDER BY m", String.class,
                        "INV-" + yyyymm(from), "INV-" + yyyymm(to.plusMonths(1))).stream()
                .map(m -> java.time.YearMonth.of(Integer.parseInt(m.substring(0, 4)), Integer.parseInt(m.substring(4, 6))))
                .toList();
    }

    private static String yyyymm(java.time.YearMonth m) {
        return String.format(java.util.Locale.ROOT, "%04d%02d", m.getYear(), m.getMonthValue());
    }

    /** Every line invoiced in a month (by its InvoiceNumber's month), in the contract's order. */
    public void linesOfInvoiceMonth(java.time.YearMonth month, Consumer<InvoiceLine> sink) {
        String prefix = "INV-" + month.getYear() + String.format(java.util.Locale.ROOT, "%02d", month.getMonthValue()) + "-";
        jdbc.query("SELECT " + LINE_COLUMNS + " " + """
                 FROM invoice_line WHERE invoice_number LIKE ? || '%'
                ORDER BY invoice_number, subscription_id, order_date, charge_start_date, line_id""",
                (RowCallbackHandler) rs -> sink.accept(line(rs)), prefix);
    }

    /** Exceptions raised by the run of a date, in the contract's order. */
    public void exceptionsRaisedOn(LocalDate d, Consumer<BillingException> sink) {
        bigSort();
        streaming.query("""
                SELECT * FROM billing_exception WHERE business_date = ?
                ORDER BY CASE severity WHEN 'ERROR' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END,
                  code COLLATE "C", subscription_id, source_file COLLATE "C", source_line, exception_id""",
                (RowCallbackHandler) rs -> sink.accept(exception(rs)), d);
    }

    /** Distinct rows of a date's file that raised a rejecting code (feeds.md, Output 3). */
    public long rejectedRows(LocalDate d, String file) {
        List<String> codes = ExceptionCode.REJECTING.stream().map(Enum::name).toList();
        return jdbc.queryForObject("""
                SELECT count(DISTINCT source_line) FROM billing_exception
                WHERE business_date = ? AND source_file = ? AND code = ANY(?)""", Long.class, d, file,
                codes.toArray(String[]::new));
    }

    public long exceptionCount(LocalDate d, String file, ExceptionCode code) {
        return jdbc.queryForObject("SELECT count(*) FROM billing_exception WHERE business_date = ?"
                + " AND source_file = ? AND code = ?", Long.class, d, file, code.name());
    }

    // ---- row mapping -----------------------------------------------------------------------------------

    // Rows are read by column position (a name lookup per value cost a twentieth of the bill step); each list
    // below is the one place that orders its columns.
    static final String VERSION_COLUMNS = "subscription_id, order_id, customer_id, customer_name,"
            + " customer_country, reseller_mpn_id, publisher_id, publisher_name, offer_id, plan_id, friendly_name,"
            + " quantity, unit_price, currency, term, billing_frequency, auto_renew, status, ordered_at, updated_at,"
            + " cancelled_at, business_date, source_line";

    static CommerceVersion version(ResultSet rs) throws SQLException {
        return new CommerceVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBigDecimal(13), rs.getString(14),
                Term.valueOf(rs.getString(15)), BillingFrequency.valueOf(rs.getString(16)), rs.getBoolean(17),
                CommerceStatus.valueOf(rs.getString(18)), instant(rs, 19), instant(rs, 20), instant(rs, 21),
                new SourceRef(date(rs, 22), SourceRef.COMMERCE_FILE, rs.getLong(23)));
    }

    static final String EVENT_COLUMNS = "event_id, subscription_id, publisher_id, action, occurred_at,"
            + " plan_id, quantity, status, business_date, source_line";

    static FulfillmentEvent event(ResultSet rs) throws SQLException {
        return new FulfillmentEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                FulfillmentAction.valueOf(rs.getString(4)), instant(rs, 5), rs.getString(6),
                (Integer) rs.getObject(7), OperationStatus.valueOf(rs.getString(8)),
                new SourceRef(date(rs, 9), SourceRef.FULFILLMENT_FILE, rs.getLong(10)));
    }

    static final String LINE_COLUMNS = "invoice_number, line_id, customer_id, customer_name, customer_country,"
            + " reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id, plan_id,"
            + " subscription_id, subscription_description, charge_type, charge_start_date, charge_end_date,"
            + " unit_price, effective_unit_price, quantity, subtotal, currency, term, billing_frequency,"
            + " subscription_start_date, subscription_end_date, reference_id";

    static final int LINE_COLUMN_COUNT = 27;

    static InvoiceLine line(ResultSet rs) throws SQLException {
        return new InvoiceLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), date(rs, 8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), ChargeType.parse(rs.getString(15)),
                date(rs, 16), date(rs, 17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getInt(20),
                rs.getBigDecimal(21), rs.getString(22), Term.valueOf(rs.getString(23)),
                BillingFrequency.parse(rs.getString(24)), date(rs, 25), date(rs, 26), rs.getString(27));
    }

    static BillingException exception(ResultSet rs) throws SQLException {
        return new BillingException(rs.getString("exception_id"), date(rs, "business_date"),
                ExceptionCode.valueOf(rs.getString("code")), rs.getString("subscription_id"),
                rs.getString("customer_id"), rs.getString("source_file"), rs.getLong("source_line"),
                rs.getString("event_id"), rs.getString("message"), rs.getString("expected"), rs.getString("actual"));
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    private static LocalDate date(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(java.time.ZoneOffset.UTC); }


}
