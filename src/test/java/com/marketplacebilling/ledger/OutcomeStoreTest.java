package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.exception;
import static com.marketplacebilling.ledger.LedgerFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.SourceRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** OutcomeStore on real PostgreSQL: lines and exceptions read back as stored, each once however often written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeStoreTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 3);
    private LedgerFixture f;

    @BeforeAll
    void database() { f = new LedgerFixture(); }

    @AfterAll
    void drop() { f.close(); }

    @Test
    @DisplayName("lines read back equal to those stored, and stored again they are not stored twice")
    void linesOnce() {
        List<InvoiceLine> lines = List.of(line("L-1", "INV-202611-0001", "sub-a", D1),
                line("L-2", "INV-202611-0001", "sub-b", D1));
        f.outcomes.storeLines(lines, null, D1);
        f.outcomes.storeLines(lines, null, D1);
        assertThat(f.outputs.linesBilledOn(D1, List.of("sub-a", "sub-b"))).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(f.runs.lines(D1)).isEqualTo(2);
    }

    @Test
    @DisplayName("exceptions are stored once and read back in the contract's order (errors, warnings, then notices)")
    void exceptionsOnce() {
        BillingException info = exception("x-1", D2, ExceptionCode.DUPLICATE_EVENT, SourceRef.FULFILLMENT_FILE, 4);
        BillingException warning = exception("x-2", D2, ExceptionCode.FULFILLMENT_FAILED, SourceRef.FULFILLMENT_FILE, 3);
        BillingException error = exception("x-3", D2, ExceptionCode.MALFORMED_ROW, SourceRef.COMMERCE_FILE, 2);
        f.outcomes.storeExceptions(List.of(info, warning, error));
        f.outcomes.storeExceptions(List.of(error));
        List<BillingException> read = new ArrayList<>();
        f.outputs.exceptionsRaisedOn(D2, read::add);
        assertThat(read).containsExactly(error, warning, info);
        assertThat(f.runs.outcomes(D2)).isEqualTo(new RunRegistry.Outcomes(0, 3));
    }
}
