package com.marketplacebilling.publish;

import com.marketplacebilling.billing.LineColumn;
import com.marketplacebilling.feed.CsvRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * {@code invoice-lines.xlsx}: the same rows as {@code invoice-lines.csv}, for finance to open by hand. The CSV is
 * the contract machines read; spreadsheet programs mangle it (they guess Latin-1 without a byte-order mark, turn
 * ResellerMpnId into a number, drop an amount's trailing zeros), so the workbook types its cells: text as text,
 * amounts as numbers formatted with the currency's minor digits, dates as dates. It is made from the CSV just
 * written (one home for the columns), streamed with a window of rows so the heap stays flat, a sheet
 * "Invoice lines" (a second one past Excel's row limit) with a frozen header, autofilter and fixed widths, and a
 * sheet "Summary" per currency. It is a view of the CSV: not listed in the manifest, and not byte-stable.
 */
public final class InvoiceWorkbook {
    public static final String FILE_NAME = "invoice-lines.xlsx";
    /**
     * A date with more lines gets no workbook (about 1 s per 20,000 lines: a steady night of a million-subscription
     * book, 76,000 lines, took 4 s longer with one; a first night of a million lines would take 50 s more); nobody
     * reads that many lines by hand); its month's workbook is written at month close.
     */
    public static final long MAX_LINES_PER_DATE = 20_000;
    /** Excel's limit is 1,048,576 rows a sheet, the header included. */
    static final int MAX_DATA_ROWS_PER_SHEET = 1_048_575;

    enum Kind { TEXT, DATE, PRICE, AMOUNT, QUANTITY }

    private static final Map<String, Integer> WIDE = Map.of("CustomerName", 30, "PublisherName", 24,
            "SubscriptionDescription", 30, "LineId", 26, "InvoiceNumber", 28, "ReferenceId", 26);

    private InvoiceWorkbook() {}

    /** The cell type of a column of invoice-lines.csv, from its {@link LineColumn.Kind}. */
    static Kind kind(String column) {
        LineColumn c = LineColumn.byHeader(column);
        if (c == null) return Kind.TEXT;
        return switch (c.kind()) {
            case TEXT -> Kind.TEXT;
            case DATE -> Kind.DATE;
            case PRICE_AS_IS, PRICE6 -> Kind.PRICE;
            case AMOUNT -> Kind.AMOUNT;
            case INTEGER -> Kind.QUANTITY;
        };
    }

    /** Totals of one currency, for the summary sheet. */
    public record CurrencyTotal(String currency, long lines, BigDecimal charges, BigDecimal credits) {
        public BigDecimal net() { return charges.add(credits); }
    }

    /** Writes {@code xlsx} from the invoice-lines CSV {@code csv}; returns the totals per currency. */
    public static List<CurrencyTotal> write(Path csv, Path xlsx) throws IOException {
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        Map<String, Long> counts = new HashMap<>();
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        wb.setCompressTempFiles(true);
        try (InputStream in = Files.newInputStream(csv); CsvRecordReader reader = new CsvRecordReader(in)) {
            Styles styles = new Styles(wb);
            SXSSFSheet summary = wb.createSheet("Summary");
            List<String> columns = reader.next(Integer.MAX_VALUE).fields();
            int currencyCol = columns.indexOf("Currency");
            int subtotalCol = columns.indexOf("Subtotal");
            Kind[] kinds = columns.stream().map(InvoiceWorkbook::kind).toArray(Kind[]::new);
            SXSSFSheet sheet = null;
            int row = 0;
            int sheetNo = 0;
            for (CsvRecordReader.CsvRecord r; (r = reader.next(columns.size())) != null; ) {
                if (r.fieldCount() == 1 && r.fields().get(0).isEmpty()) continue; // a trailing empty line
                if (sheet == null || row > MAX_DATA_ROWS_PER_SHEET) {
                    if (sheet != null) finish(sheet, columns.size(), row);
                    sheet = linesSheet(wb, ++sheetNo, columns, styles);
                    row = 1;
                }
                Row x = sheet.createRow(row++);
                String currency = r.fields().get(currencyCol);
                for (int c = 0; c < columns.size(); c++) {
                    cell(x, c, kinds[c], r.fields().get(c), currency, styles);
                }
                BigDecimal subtotal = new BigDecimal(r.fields().get(subtotalCol));
                BigDecimal[] t = totals.computeIfAbsent(currency, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                t[subtotal.signum() < 0 ? 1 : 0] = t[subtotal.signum() < 0 ? 1 : 0].add(subtotal);
                counts.merge(currency, 1L, Long::sum);
            }
            if (sheet == null) sheet = linesSheet(wb, 1, columns, styles);
            finish(sheet, columns.size(), Math.max(row, 1));
            List<CurrencyTotal> result = totals.entrySet().stream().map(e -> new CurrencyTotal(e.getKey(),
                    counts.get(e.getKey()), e.getValue()[0], e.getValue()[1])).toList();
            writeSummary(summary, result, styles);
            try (OutputStream out = AtomicPublisher.createFile(xlsx)) {
                wb.write(out);
            }
            return result;
        } finally {
            wb.close(); // also deletes the temporary sheet files
        }
    }

    private static SXSSFSheet linesSheet(SXSSFWorkbook wb, int n, List<String> columns, Styles styles) {
        SXSSFSheet sheet = wb.createSheet(n == 1 ? "Invoice lines" : "Invoice lines " + n);
        Row header = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            header.createCell(c).setCellValue(name);
            header.getCell(c).setCellStyle(styles.header);
            int chars = switch (kind(name)) {
                case DATE -> 12;
                case PRICE, AMOUNT -> 14;
                case QUANTITY -> 10;
                case TEXT -> WIDE.getOrDefault(name, Math.max(12, name.length() + 2));
            };
            sheet.setColumnWidth(c, chars * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void finish(SXSSFSheet sheet, int columns, int rows) {
        sheet.setAutoFilter(new CellRangeAddress(0, rows - 1, 0, columns - 1));
    }

    private static void cell(Row row, int c, Kind kind, String value, String currency, Styles styles) {
        if (value.isEmpty()) return;
        var cell = row.createCell(c);
        switch (kind) {
            case TEXT -> {
                cell.setCellValue(unguard(value));
                cell.setCellStyle(styles.text);
            }
            case DATE -> {
                cell.setCellValue(LocalDate.parse(value));
                cell.setCellStyle(styles.date);
            }
            case PRICE -> {
                cell.setCellValue(Double.parseDouble(value));
                cell.setCellStyle(styles.price);
            }
            case QUANTITY -> cell.setCellValue(Double.parseDouble(value));
            case AMOUNT -> {
                cell.setCellValue(Double.parseDouble(value));
                cell.setCellStyle(styles.amount(currency));
            }
        }
    }

    /** A workbook's string cell is never a formula: the CSV's guard apostrophe is not needed there. */
    static String unguard(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && "=+-@\t\r".indexOf(text.charAt(1)) >= 0
                ? text.substring(1) : text;
    }

    private static void writeSummary(SXSSFSheet sheet, List<CurrencyTotal> totals, Styles styles) {
        String[] head = {"Currency", "Lines", "Charges", "Credits", "Net"};
        Row h = sheet.createRow(0);
        for (int c = 0; c < head.length; c++) {
            h.createCell(c).setCellValue(head[c]);
            h.getCell(c).setCellStyle(styles.header);
            sheet.setColumnWidth(c, (c == 0 ? 10 : 16) * 256);
        }
        int r = 1;
        for (CurrencyTotal t : totals) {
            Row x = sheet.createRow(r++);
            x.createCell(0).setCellValue(t.currency());
            x.createCell(1).setCellValue(t.lines());
            BigDecimal[] values = {t.charges(), t.credits(), t.net()};
            for (int i = 0; i < values.length; i++) {
                x.createCell(2 + i).setCellValue(values[i].doubleValue());
                x.getCell(2 + i).setCellStyle(styles.amount(t.currency()));
            }
        }
        sheet.createFreezePane(0, 1);
    }

    /** Cell styles, one per kind (and per number of minor digits for amounts): a workbook has few styles. */
    private static final class Styles {
        private final SXSSFWorkbook wb;
        final CellStyle header;
        final CellStyle text;
        final CellStyle date;
        final CellStyle price;
        private final Map<Integer, CellStyle> amounts = new HashMap<>();

        Styles(SXSSFWorkbook wb) {
            this.wb = wb;
            header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            price = wb.createCellStyle();
            price.setDataFormat(wb.createDataFormat().getFormat("#,##0.00####"));
        }

        CellStyle amount(String currency) {
            int digits;
            try {
                digits = Amounts.minorDigits(currency);
            } catch (IllegalArgumentException unknown) {
                digits = 2;
            }
            return amounts.computeIfAbsent(digits, d -> {
                CellStyle s = wb.createCellStyle();
                s.setDataFormat(wb.createDataFormat().getFormat(d == 0 ? "#,##0" : "#,##0." + "0".repeat(d)));
                return s;
            });
        }
    }
}
