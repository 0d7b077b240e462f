package com.marketplacebilling.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read-only: invoices per month (the month of the invoice number) and currency, and which months are closed. */
public class MonthsView {
    public record MonthTotal(YearMonth month, String currency, long invoices, long lines, BigDecimal net) {}

    public record Closed(YearMonth month, Instant closedAt, long invoices, long lines) {}

    private final JdbcTemplate jdbc;
    /** The totals and the state of the runs they were read at: lines change only when a run starts, ends or is given up. */
    private volatile String cachedAt;
    private volatile List<MonthTotal> cached;

    public MonthsView(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /**
     * Every month with lines, newest first, per currency (invoice numbers start with InvoiceNumbers.monthPrefix). Reading every line
     * takes a while on a large ledger, so the result is kept until a run changes state; while a run is in
     * progress it is read each time.
     */
    public List<MonthTotal> totals() {
        String state = jdbc.queryForObject("""
                SELECT count(*) || '/' || coalesce(max(completed_at)::text, '') || '/'
                  || count(*) FILTER (WHERE status = 'STARTED') || '/' || count(*) FILTER (WHERE status = 'ABANDONED')
                  || '/' || (SELECT count(*) FROM closed_month)
                FROM business_run""", String.class);
        boolean running = !state.split("/", -1)[2].equals("0");
        if (!running && state.equals(cachedAt) && cached != null) return cached;
        List<MonthTotal> t = readTotals();
        cached = t;
        cachedAt = running ? null : state;
        return t;
    }

    private List<MonthTotal> readTotals() {
        return jdbc.query("""
                SELECT substr(invoice_number, 5, 6) AS m, currency, count(DISTINCT invoice_number), count(*), sum(subtotal)
                FROM invoice_line GROUP BY 1, 2 ORDER BY 1 DESC, 2""", (rs, i) -> new MonthTotal(month(rs.getString(1)),
                rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5)));
    }

    /** One month's totals per currency, from the kept totals of every month (a month's scan is as long as all). */
    public List<MonthTotal> totals(YearMonth month) {
        return totals().stream().filter(t -> t.month().equals(month)).toList();
    }

    public List<Closed> closed() {
        return jdbc.query("SELECT * FROM closed_month ORDER BY month DESC", (rs, i) -> new Closed(
                YearMonth.parse(rs.getString("month")), rs.getObject("closed_at", OffsetDateTime.class).toInstant(),
                rs.getLong("invoices"), rs.getLong("lines")));
    }

    static String prefix(YearMonth m) {
        return com.marketplacebilling.billing.InvoiceNumbers.monthPrefix(m);
    }

    private static YearMonth month(String yyyymm) {
        return YearMonth.of(Integer.parseInt(yyyymm.substring(0, 4)), Integer.parseInt(yyyymm.substring(4, 6)));
    }
}
