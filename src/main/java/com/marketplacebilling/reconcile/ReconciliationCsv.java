package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Severity;
import com.marketplacebilling.publish.CsvOutput;
import com.marketplacebilling.publish.CsvTable;
import com.marketplacebilling.publish.TextOrder;
import java.util.Comparator;
import java.util.List;

/** reconciliation.csv: one row per Microsoft row and per unmatched line of ours, columns as docs/reconciliation.md. */
public final class ReconciliationCsv extends CsvTable<ReconResult> {
    public static final List<String> COLUMNS = List.of("Status", "Code", "Severity", "SubscriptionId", "CustomerId",
            "ChargeType", "ChargeStartDate", "ChargeEndDate", "Direction", "Quantity", "Currency", "OurSubtotal",
            "MicrosoftSubtotal", "Difference", "OurLineId", "OurInvoiceNumber", "MicrosoftFile", "MicrosoftLine",
            "MicrosoftInvoiceNumber", "ReferenceId", "Message");

    /** Severity (ERROR, WARNING, INFO, then no code), Code, SubscriptionId, ChargeStartDate, Direction, file, line, LineId. */
    public static final Comparator<ReconResult> ORDER = Comparator
            .comparing((ReconResult r) -> r.severity() == null ? Severity.values().length : r.severity().ordinal())
            .thenComparing(r -> r.code() == null ? "" : r.code().name())
            .thenComparing(r -> nz(r.subscriptionId()), TextOrder.CODE_POINT)
            .thenComparing(r -> r.key() == null ? "" : r.key().chargeStartDate().toString())
            .thenComparing(r -> r.key() == null ? "" : r.key().direction().csvName())
            .thenComparing(r -> nz(r.microsoftFile()), TextOrder.CODE_POINT)
            .thenComparingLong(ReconResult::microsoftLine)
            .thenComparing(r -> r.ours() == null ? "" : r.ours().lineId(), TextOrder.CODE_POINT);

    public ReconciliationCsv(CsvOutput csv) { super(csv, COLUMNS); }

    private static String nz(String s) { return s == null ? "" : s; }

    @Override
    protected void row(CsvOutput csv, ReconResult r) {
        MicrosoftRow m = r.microsoft();
        OurLine o = r.ours();
        ReconKey k = r.key();
        csv.text(r.status().name()).text(r.code() == null ? "" : r.code().name())
                .text(r.severity() == null ? "" : r.severity().name())
                .text(nz(r.subscriptionId()))
                .text(o != null ? nz(o.customerId()) : m != null ? nz(m.customerId()) : "");
        if (k != null) {
            csv.text(k.chargeType().feedName()).date(k.chargeStartDate()).date(k.chargeEndDate())
                    .text(k.direction().csvName()).number(k.quantity());
        } else {
            csv.text(r.setAside() == null ? "" : nz(r.setAside().chargeType())).blank().blank().text("").blank();
        }
        csv.text(nz(r.currency()));
        if (o != null) csv.number(o.subtotal()); else csv.blank();
        if (r.microsoftCompared() != null) csv.number(r.microsoftCompared()); else csv.blank();
        if (r.difference() != null) csv.number(r.difference()); else csv.blank();
        csv.text(o == null ? "" : o.lineId()).text(o == null ? "" : nz(o.invoiceNumber()))
                .text(nz(r.microsoftFile()));
        if (r.microsoftLine() > 0) csv.number(r.microsoftLine()); else csv.blank();
        csv.text(m == null ? "" : nz(m.invoiceNumber())).text(m == null ? "" : nz(m.referenceId()))
                .text(nz(r.message()));
        csv.endRow();
    }
}
