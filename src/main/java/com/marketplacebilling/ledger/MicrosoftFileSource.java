package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.InvoiceNumbers;
import com.marketplacebilling.billing.Rounding;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code bin/billing generate --recon} reads to write a synthetic Microsoft reconciliation file: our lines
 * of a month and of the month before, streamed with a cursor (never held as a whole), each with what is needed
 * to perturb it knowingly.
 */
public class MicrosoftFileSource {
    private final JdbcTemplate jdbc;

    public MicrosoftFileSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One of our lines. {@code sharesKey}: another line of the ledger (any month) has the same reconciliation key
     * (subscription, charge type, dates, direction, quantity), so a perturbation of this one could pair with the
     * other. {@code rounding}, {@code remainingDays}, {@code cycleDays}: the line's proration (null when billed
     * before explanations were recorded).
     */
    public record SourceLine(InvoiceLine line, YearMonth invoiceMonth, boolean sharesKey, Rounding rounding,
                             Integer remainingDays, Integer cycleDays) {}

    /**
     * Every line invoiced in {@code month} or the month before (by InvoiceNumber), in (InvoiceNumber, LineId)
     * order: the order of an invoice, not of the reconciliation key.
     */
    public void linesOfMonthAndBefore(YearMonth month, Consumer<SourceLine> sink) {
        int extra = LedgerRows.LINE_COLUMN_COUNT;
        jdbc.execute((java.sql.Connection c) -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor needs a transaction
            try {
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL work_mem = '256MB'");
                }
                // the key's duplicates are counted over the whole ledger, then the two months are kept
                try (var ps = c.prepareStatement("SELECT * FROM (SELECT " + LedgerRows.LINE_COLUMNS
                        + ", " + ExplanationColumns.roundingSql("") + ", " + ExplanationColumns.remainingDaysSql("")
                        + ", " + ExplanationColumns.cycleDaysSql("") + ", count(*) OVER (PARTITION BY subscription_id,"
                        + " charge_type, charge_start_date, charge_end_date, subtotal < 0, quantity) AS same_key"
                        + " FROM invoice_line) l WHERE invoice_number >= ? AND invoice_number < ?"
                        + " ORDER BY invoice_number, line_id")) {
                    ps.setString(1, InvoiceNumbers.monthPrefix(month.minusMonths(1)));
                    ps.setString(2, InvoiceNumbers.monthPrefix(month.plusMonths(1)));
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            InvoiceLine l = LedgerRows.line(rs);
                            String mode = rs.getString(extra + 1);
                            sink.accept(new SourceLine(l, YearMonth.of(
                                    Integer.parseInt(l.invoiceNumber().substring(4, 8)),
                                    Integer.parseInt(l.invoiceNumber().substring(8, 10))),
                                    rs.getLong(extra + 4) > 1, mode == null ? null : Rounding.valueOf(mode),
                                    (Integer) rs.getObject(extra + 2), (Integer) rs.getObject(extra + 3)));
                        }
                    }
                }
                c.commit();
            } catch (RuntimeException | java.sql.SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

}
