package com.marketplacebilling.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stores of the console and its accounts (read-only views per page, plus users and the audit log). */
@Configuration(proxyBeanMethods = false)
public class ConsoleStoresConfiguration {
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
