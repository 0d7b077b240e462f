package com.marketplacebilling.publish;

import com.marketplacebilling.ledger.OutputQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.YearMonth;

/**
 * Writes {@code <outbox>/invoices/<YYYY-MM>/invoices.csv} and {@code invoice-lines.csv} for a month in one
 * pass over its lines (sorted by invoice number first), and moves the folder into place as a whole.
 */
public class MonthClosePublisher {
    private final OutputQueries ledger;

    public MonthClosePublisher(OutputQueries ledger) { this.ledger = ledger; }

    public record Published(Path folder, long invoices, long lines) {}

    public Published publish(YearMonth month, Path outbox) throws IOException {
        String name = MonthCloseCsv.folderName(month);
        AtomicPublisher publisher = new AtomicPublisher();
        AtomicPublisher.cleanLeftovers(outbox, name);
        Path tmp = publisher.begin(outbox, name);
        try {
            long lines;
            long invoices;
            try (OutputStream linesOut = AtomicPublisher.createFile(tmp.resolve(InvoiceLinesCsv.FILE_NAME));
                 OutputStream invoicesOut = AtomicPublisher.createFile(tmp.resolve(MonthCloseCsv.FILE_NAME));
                 InvoiceLinesCsv linesCsv = new InvoiceLinesCsv(linesOut);
                 MonthCloseCsv invoicesCsv = new MonthCloseCsv(invoicesOut)) {
                InvoiceSummary.Builder[] current = {null};
                ledger.linesOfInvoiceMonth(month, l -> {
                    linesCsv.write(l);
                    if (current[0] != null && !current[0].invoiceNumber().equals(l.invoiceNumber())) {
                        invoicesCsv.write(current[0].build());
                        current[0] = null;
                    }
                    if (current[0] == null) current[0] = new InvoiceSummary.Builder(l.invoiceNumber(), month);
                    current[0].add(l);
                });
                if (current[0] != null) invoicesCsv.write(current[0].build());
                linesCsv.flush();
                invoicesCsv.flush();
                lines = linesCsv.rows();
                invoices = invoicesCsv.rows();
            }
            InvoiceWorkbook.write(tmp.resolve(InvoiceLinesCsv.FILE_NAME), tmp.resolve(InvoiceWorkbook.FILE_NAME));
            Path target = outbox.resolve(name);
            publisher.commit(tmp, target);
            return new Published(target, invoices, lines);
        } catch (IOException | RuntimeException e) {
            publisher.abort(tmp);
            throw e;
        }
    }
}
