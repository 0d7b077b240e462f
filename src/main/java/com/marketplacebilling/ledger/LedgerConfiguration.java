package com.marketplacebilling.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every store of the ledger, each on the application's JdbcTemplate: the one place that wires them. */
@Configuration
public class LedgerConfiguration {
    // the nightly run's stores, one per concern
    @Bean
    FactStore factStore(JdbcTemplate jdbc) { return new JdbcFactStore(jdbc); }

    @Bean
    OutcomeStore outcomeStore(JdbcTemplate jdbc) { return new JdbcOutcomeStore(jdbc); }

    @Bean
    DueSetPlanner dueSetPlanner(JdbcTemplate jdbc) { return new JdbcDueSetPlanner(jdbc); }

    @Bean
    HistoryStore historyStore(JdbcTemplate jdbc) { return new JdbcHistoryStore(jdbc); }

    @Bean
    OutputQueries outputQueries(JdbcTemplate jdbc) { return new JdbcOutputQueries(jdbc); }

    @Bean
    RunRegistry runRegistry(JdbcTemplate jdbc) { return new RunRegistry(jdbc); }

    @Bean
    ExplanationStore explanationStore(JdbcTemplate jdbc) { return new ExplanationStore(jdbc); }

    /** The scheduler's log of firings (used in schedule mode only). */
    @Bean
    FiringLog firingLog(JdbcTemplate jdbc) { return new FiringLog(jdbc); }

    @Bean
    ReconciliationStore reconciliationStore(JdbcTemplate jdbc) { return new ReconciliationStore(jdbc); }

    @Bean
    RunStatusStore runStatusStore(JdbcTemplate jdbc) { return new RunStatusStore(jdbc); }

    @Bean
    WorkerRegistry workerRegistry(JdbcTemplate jdbc) { return new WorkerRegistry(jdbc); }

    // the console's stores: its accounts, the audit log, and a read-only view per page
    @Bean
    UserStore userStore(JdbcTemplate jdbc) { return new UserStore(jdbc); }

    @Bean
    AuditStore auditStore(JdbcTemplate jdbc) { return new AuditStore(jdbc); }

    @Bean
    RunsView runsView(JdbcTemplate jdbc) { return new RunsView(jdbc); }

    @Bean
    SubscriptionStoryView subscriptionStoryView(JdbcTemplate jdbc) { return new SubscriptionStoryView(jdbc); }

    @Bean
    MonthsView monthsView(JdbcTemplate jdbc) { return new MonthsView(jdbc); }

    // generate --recon: our lines of a month, to write a synthetic Microsoft reconciliation file
    @Bean
    MicrosoftFileSource microsoftFileSource(JdbcTemplate jdbc) { return new MicrosoftFileSource(jdbc); }
}
