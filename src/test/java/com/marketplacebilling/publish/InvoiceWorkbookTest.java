package com.marketplacebilling.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** invoice-lines.xlsx, read back with POI and opened by LibreOffice (the sample's 2026-11-02 lines). */
class InvoiceWorkbookTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/sample-data/2026-11-02/invoice-lines.csv");
    @TempDir
    Path tmp;

    @Test
    @DisplayName("typed cells: text stays text (leading zeros, umlauts), amounts are numbers with the currency's minor digits, dates are dates")
    void typedCells() throws Exception {
        Path csv = Files.copy(GOLDEN, tmp.resolve("invoice-lines.csv"));
        Path xlsx = tmp.resolve("invoice-lines.xlsx");
        List<InvoiceWorkbook.CurrencyTotal> totals = InvoiceWorkbook.write(csv, xlsx);
        List<String> csvLines = Files.readAllLines(csv);
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            XSSFSheet lines = wb.getSheet("Invoice lines");
            assertThat(lines.getLastRowNum()).as("one row per line").isEqualTo(csvLines.size() - 1);
            assertThat(lines.getPaneInformation().isFreezePane()).isTrue();
            assertThat(lines.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:AA" + csvLines.size());
            Map<String, Integer> col = new HashMap<>();
            for (Cell c : lines.getRow(0)) col.put(c.getStringCellValue(), c.getColumnIndex());
            assertThat(col.keySet()).containsExactlyInAnyOrderElementsOf(InvoiceLinesCsv.COLUMNS);

            Row mueller = find(lines, col.get("CustomerName"), "Müller & Söhne, GmbH");
            assertThat(mueller.getCell(col.get("Subtotal")).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(mueller.getCell(col.get("Subtotal")).getNumericCellValue()).isEqualTo(120.0);
            assertThat(mueller.getCell(col.get("Subtotal")).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(mueller.getCell(col.get("ChargeStartDate")).getLocalDateTimeCellValue().toLocalDate())
                    .isInstanceOf(LocalDate.class);
            assertThat(mueller.getCell(col.get("ChargeStartDate")).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");

            Row mpn = find(lines, col.get("ResellerMpnId"), "7788123");
            assertThat(mpn.getCell(col.get("ResellerMpnId")).getCellType()).as("an id is text").isEqualTo(CellType.STRING);
            Row yen = find(lines, col.get("Currency"), "JPY");
            assertThat(yen.getCell(col.get("Subtotal")).getCellStyle().getDataFormatString()).as("JPY has no minor digits")
                    .isEqualTo("#,##0");

            Sheet summary = wb.getSheet("Summary");
            Map<String, BigDecimal> net = new HashMap<>();
            for (String l : csvLines.subList(1, csvLines.size())) {
                String[] f = l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                net.merge(f[21], new BigDecimal(f[20]), BigDecimal::add);
            }
            assertThat(summary.getLastRowNum()).isEqualTo(net.size());
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                String currency = summary.getRow(r).getCell(0).getStringCellValue();
                assertThat(BigDecimal.valueOf(summary.getRow(r).getCell(4).getNumericCellValue()))
                        .as("net " + currency).isEqualByComparingTo(net.get(currency));
            }
            assertThat(totals).extracting(InvoiceWorkbook.CurrencyTotal::currency).containsExactly("EUR", "JPY", "USD");
        }
    }

    @Test
    @DisplayName("the CSV's formula guard is not shown in the workbook, where a string cell is never a formula")
    void guardRemoved() {
        assertThat(InvoiceWorkbook.unguard("'=HYPERLINK(x)")).isEqualTo("=HYPERLINK(x)");
        assertThat(InvoiceWorkbook.unguard("'tis")).isEqualTo("'tis");
        assertThat(InvoiceWorkbook.unguard("plain")).isEqualTo("plain");
    }

    @Test
    @DisplayName("headless LibreOffice opens the workbook and reads the names in UTF-8 and the amounts with their minor digits")
    void libreOfficeOpensIt() throws Exception {
        Path soffice = Path.of("/usr/bin/soffice");
        assumeTrue(Files.isExecutable(soffice), "LibreOffice is not installed (apt-get install libreoffice-calc-nogui):"
                + " skipping the spreadsheet-program check");
        Path csv = Files.copy(GOLDEN, tmp.resolve("invoice-lines.csv"));
        Path xlsx = tmp.resolve("book.xlsx");
        InvoiceWorkbook.write(csv, xlsx);
        Path out = Files.createDirectories(tmp.resolve("converted"));
        // sheet 2 ("Invoice lines"), UTF-8 (76), comma separated, as formatted
        Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=file://" + tmp.resolve("lo-profile"),
                "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
                "--outdir", out.toString(), xlsx.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(log).isTrue();
        List<Path> converted = new ArrayList<>();
        try (var files = Files.list(out)) {
            files.forEach(converted::add);
        }
        assertThat(converted).as(log).isNotEmpty();
        String text = Files.readString(converted.stream().filter(f -> f.toString().contains("Invoice")).findFirst()
                .orElse(converted.get(0)), StandardCharsets.UTF_8);
        assertThat(text).contains("Müller & Söhne, GmbH").contains("7788123").contains("120.00").contains("Château Vignon");
        assertThat(text.lines().count()).isEqualTo(Files.readAllLines(csv).size());
    }

    private static Row find(Sheet sheet, int column, String value) throws IOException {
        for (Row r : sheet) {
            Cell c = r.getCell(column);
            if (r.getRowNum() > 0 && c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + value);
    }
}
