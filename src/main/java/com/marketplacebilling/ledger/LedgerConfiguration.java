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
}
