package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.IsoText;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.explain.ExplanationText;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code line-explanations.csv} (docs/files.md): one row per line of invoice-lines.csv, in the same order, with
 * the rule, the inputs of its amount, the facts it stands on and a sentence for finance. Written from the same
 * ledger rows as invoice-lines.csv; a line billed before explanations were recorded has only its amounts and
 * the Text "explanation not recorded".
 */
public final class LineExplanationsCsv extends CsvTable<LineExplanationsCsv.Row> {
    public static final String FILE_NAME = "line-explanations.csv";

    public static final List<String> COLUMNS = List.of("LineId", "Rule", "ChargeType", "Direction", "UnitPrice",
            "Quantity", "RemainingDays", "CycleDays", "CycleStart", "CycleEnd", "RoundingMode", "ExactAmount",
            "EffectiveUnitPrice", "Subtotal", "CommerceSource", "FulfillmentSources", "ReversesLineId", "DueOn",
            "Text");

    /** The header line, without its LF. */
    public static final String HEADER = String.join(",", COLUMNS);

    /** A line and its explanation (null: not recorded). */
    public record Row(InvoiceLine line, LineExplanation explanation) {}

    public LineExplanationsCsv(OutputStream out) {
        super(CsvOutput.utf8(out), COLUMNS);
    }

    /** The sources and the sentence are composed here, row after row (no String per cell). */
    private final StringBuilder cell = new StringBuilder(512);

    @Override
    protected void row(CsvOutput csv, Row value) {
        writeRow(csv, value.line(), value.explanation(), cell);
    }

    public void write(InvoiceLine line, LineExplanation e) {
        write(new Row(line, e));
    }

    /** Writes one record, in column order; {@code cell} is a builder to compose the long cells in. */
    static void writeRow(CsvOutput csv, InvoiceLine line, LineExplanation e, StringBuilder cell) {
        String unitPrice = Amounts.formatPriceAsIs(line.unitPrice());
        String eup = Amounts.formatPrice6(line.effectiveUnitPrice());
        String subtotal = Amounts.formatAmount(line.subtotal(), line.currency());
        csv.text(line.lineId()).text(e == null ? "" : e.rule().code()).text(line.chargeType().feedName());
        if (e == null) {
            csv.text("").number(unitPrice).number(line.quantity()).blank().blank().blank().blank().text("").blank();
        } else {
            csv.text(e.direction() == LineExplanation.Direction.CREDIT ? "credit" : "charge").number(unitPrice).number(line.quantity())
                    .number(e.remainingDays()).number(e.cycleDays()).date(e.cycleStart()).date(e.cycleEnd())
                    .text(e.rounding().optionName()).number(e.exactAmount());
        }
        csv.number(eup).number(subtotal);
        if (e == null) {
            csv.text("").text("").text("").blank();
        } else {
            csv.composed(commerceSource(cell, e)).composed(fulfillmentSources(cell, e)).text(e.reversesLineId()).date(e.dueOn());
        }
        cell.setLength(0);
        csv.composed(ExplanationText.appendSentence(cell, line, e)).endRow();
    }

    /** "2021-06-20/subscriptions.csv:14 updated_at 2021-06-20T10:00:00Z", in {@code b} (emptied first). */
    static StringBuilder commerceSource(StringBuilder b, LineExplanation e) {
        SourceRef s = e.commerce().source();
        b.setLength(0);
        IsoText.appendDate(b, s.businessDate()).append('/').append(s.file()).append(':')
                .append(s.line()).append(" updated_at ");
        return IsoText.appendInstant(b, e.commerce().updatedAt());
    }

    /** "evt-1 LicensesAssigned 2026-11-02/fulfillment-events.csv:3; evt-2 Activate ...", in {@code b} (emptied first). */
    static StringBuilder fulfillmentSources(StringBuilder b, LineExplanation e) {
        b.setLength(0);
        for (LineExplanation.EventFact f : e.events()) {
            if (!b.isEmpty()) b.append("; ");
            b.append(f.eventId()).append(' ').append(f.action().feedName()).append(' ');
            IsoText.appendDate(b, f.source().businessDate()).append('/').append(f.source().file()).append(':')
                    .append(f.source().line());
        }
        return b;
    }
}
