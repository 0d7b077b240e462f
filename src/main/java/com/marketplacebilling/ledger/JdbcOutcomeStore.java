package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerJdbc.copy;
import static com.marketplacebilling.ledger.LedgerJdbc.inTransaction;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link OutcomeStore} in PostgreSQL: lines by COPY into invoice_line, exceptions by batched keyed inserts. */
public final class JdbcOutcomeStore implements OutcomeStore {
    private final JdbcTemplate jdbc;

    public JdbcOutcomeStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @Override
    public void storeLines(List<InvoiceLine> lines, List<LineExplanation> explanations, LocalDate billedOn) {
        if (lines.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine l = lines.get(i);
            LedgerRows.writeLine(rows, l);
            ExplanationColumns.write(rows, l, explanations == null ? null : explanations.get(i), billedOn);
            rows.date(billedOn).end(); // billed_on is the last of ExplanationColumns.COLUMNS
        }
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> copy(c, "invoice_line", LedgerRows.EXPLAINED_LINE_COLUMNS, rows));
            return null;
        });
    }

    @Override
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
}
