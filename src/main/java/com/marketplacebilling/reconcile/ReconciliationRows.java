package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Severity;
import com.marketplacebilling.publish.CsvOutput;
import java.io.StringWriter;

/**
 * Renders one {@link ReconResult} at a time as its reconciliation.csv record (formula guard and quoting
 * applied), so the rows can be sorted outside the heap (in PostgreSQL) and written out in report order as they
 * are. The sort values below are those of {@link ReconciliationCsv#ORDER}, one per column of the order.
 */
public final class ReconciliationRows {
    private final StringWriter buffer = new StringWriter();
    private final ReconciliationCsv table = new ReconciliationCsv(new CsvOutput(buffer));
    private final String header;

    public ReconciliationRows() {
        table.flush();
        header = take();
    }

    /** The header record, with its LF. */
    public String header() { return header; }

    /** The record of one result, with its LF. */
    public String render(ReconResult r) {
        table.write(r);
        table.flush();
        return take();
    }

    private String take() {
        String s = buffer.toString();
        buffer.getBuffer().setLength(0);
        return s;
    }

    /** Severity's rank: ERROR 0, WARNING 1, INFO 2, no code (matched) 3. */
    public static int severityRank(ReconResult r) {
        return r.severity() == null ? Severity.values().length : r.severity().ordinal();
    }

    public static String code(ReconResult r) { return r.code() == null ? "" : r.code().name(); }

    public static String subscriptionId(ReconResult r) { return r.subscriptionId() == null ? "" : r.subscriptionId(); }

    public static String chargeStartDate(ReconResult r) { return r.key() == null ? "" : r.key().chargeStartDate().toString(); }

    public static String direction(ReconResult r) { return r.key() == null ? "" : r.key().direction().csvName(); }

    public static String microsoftFile(ReconResult r) { return r.microsoftFile() == null ? "" : r.microsoftFile(); }

    public static String ourLineId(ReconResult r) { return r.ours() == null ? "" : r.ours().lineId(); }
}
