package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.support.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sample book is the demonstration of every rule: its golden outputs must keep showing every code and type. */
@Slow
class SampleBookCoverageTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/sample-data");

    @Test
    @DisplayName("every ExceptionCode of the catalogue appears at least once in the sample book's golden exceptions")
    void everyExceptionCodeAppears() throws IOException {
        Set<ExceptionCode> seen = EnumSet.noneOf(ExceptionCode.class);
        for (String d : SampleBookEndToEndTest.DATES) {
            List<String> rows = Files.readAllLines(GOLDEN.resolve(d).resolve("exceptions.csv"), StandardCharsets.UTF_8);
            assertThat(rows.get(0)).startsWith("ExceptionId,BusinessDate,Severity,Code,");
            // ExceptionId, BusinessDate, Severity and Code never hold commas or quotes
            for (String row : rows.subList(1, rows.size())) seen.add(ExceptionCode.valueOf(row.split(",", 5)[3]));
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen))).as("codes the sample book never shows").isEmpty();
    }

    @Test
    @DisplayName("every ChargeType appears at least once in the sample book's golden invoice lines")
    void everyChargeTypeAppears() throws IOException {
        Set<ChargeType> seen = EnumSet.noneOf(ChargeType.class);
        for (String d : SampleBookEndToEndTest.DATES) {
            String text = Files.readString(GOLDEN.resolve(d).resolve("invoice-lines.csv"), StandardCharsets.UTF_8);
            for (ChargeType t : ChargeType.values()) {
                if (text.contains("," + t.feedName() + ",")) seen.add(t);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ChargeType.values());
    }
}
