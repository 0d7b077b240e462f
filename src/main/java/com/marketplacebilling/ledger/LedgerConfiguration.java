package com.marketplacebilling.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration
public class LedgerConfiguration {
    @Bean
    Ledger ledger(JdbcTemplate jdbc) { return new Ledger(jdbc); }

    @Bean
    RunRegistry runRegistry(JdbcTemplate jdbc) { return new RunRegistry(jdbc); }

    @Bean
    ExplanationStore explanationStore(JdbcTemplate jdbc) { return new ExplanationStore(jdbc); }

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
}
