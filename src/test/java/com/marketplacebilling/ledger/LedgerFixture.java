package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.Term;
import com.marketplacebilling.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh database with the application's migrations, the ledger's stores on it, and facts and outcomes to store. */
final class LedgerFixture implements AutoCloseable {
    static final BillingPolicy POLICY = new BillingPolicy(Rounding.UNIT, BillingPolicy.DEFAULT_LEGACY_UNTIL);
    final TestDatabase db = TestDatabase.create();
    final JdbcTemplate jdbc;
    final FactStore facts;
    final OutcomeStore outcomes;
    final DueSetPlanner dueSet;
    final HistoryStore histories;
    final OutputQueries outputs;
    final RunRegistry runs;

    LedgerFixture() {
        Flyway.configure().dataSource(db.url(), "postgres", "").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
        facts = new JdbcFactStore(jdbc);
        outcomes = new JdbcOutcomeStore(jdbc);
        dueSet = new JdbcDueSetPlanner(jdbc);
        histories = new JdbcHistoryStore(jdbc);
        outputs = new JdbcOutputQueries(jdbc);
        runs = new RunRegistry(jdbc);
    }

    @Override
    public void close() { db.close(); }

    static CommerceVersion version(String subscriptionId, int quantity, LocalDate received, long line) {
        return new CommerceVersion(subscriptionId, "ord-" + subscriptionId, "cust-1", "Fabrikam", "DE", "", "contoso",
                "Contoso Ltd", "crm", "pro", "CRM", quantity, new BigDecimal("10.08"), "EUR", Term.P1M,
                BillingFrequency.MONTHLY, true, CommerceStatus.ACTIVE, Instant.parse("2026-10-12T07:00:00Z"),
                received.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(line).toInstant(), null,
                new SourceRef(received, SourceRef.COMMERCE_FILE, line));
    }

    static FulfillmentEvent event(String eventId, String subscriptionId, LocalDate received, long line) {
        return new FulfillmentEvent(eventId, subscriptionId, "contoso", FulfillmentAction.ACTIVATE,
                received.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "", 10, OperationStatus.SUCCEEDED,
                new SourceRef(received, SourceRef.FULFILLMENT_FILE, line));
    }

    /** A line of {@code subscriptionId} on the invoice {@code invoiceNumber} (INV-YYYYMM-...). */
    static InvoiceLine line(String lineId, String invoiceNumber, String subscriptionId, LocalDate chargeStart) {
        return new InvoiceLine(invoiceNumber, lineId, "cust-1", "Fabrikam", "DE", "", "ord-" + subscriptionId,
                LocalDate.of(2026, 10, 12), "contoso", "Contoso Ltd", "crm", "pro", subscriptionId, "CRM",
                ChargeType.CYCLE_CHARGE, chargeStart, chargeStart.plusMonths(1).minusDays(1), new BigDecimal("10.08"),
                new BigDecimal("10.08"), 3, new BigDecimal("30.24"), "EUR", Term.P1M, BillingFrequency.MONTHLY,
                LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11), "ref-" + lineId);
    }

    static BillingException exception(String id, LocalDate d, ExceptionCode code, String file, long line) {
        return new BillingException(id, d, code, "sub-x", "cust-1", file, line, "", "message " + id, "", "");
    }
}
