package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spring Batch's lookups of one run in its own tables read that run's rows through an index (V19), not the whole
 * table, on a ledger with two years of nights (issue 16, D47): their cost must not grow with the ledger's age.
 */
class RunHistoryIndexesTest extends LedgerStoreTestBase {
    private static final int NIGHTS = 730;
    private static final int STEPS = 8;

    @BeforeAll
    void twoYearsOfRuns() {
        f.jdbc.update("""
                INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
                SELECT n, 0, 'nightlyBilling', md5(n::text) FROM generate_series(1, ?) n""", NIGHTS);
        f.jdbc.update("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)
                SELECT n, 1, n, now(), 'COMPLETED' FROM generate_series(1, ?) n""", NIGHTS);
        f.jdbc.update("""
                INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
                  parameter_value, identifying)
                SELECT n, 'businessDate', 'java.lang.String', (date '2025-01-01' + n)::text, 'Y'
                FROM generate_series(1, ?) n""", NIGHTS);
        f.jdbc.update("""
                INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id,
                  create_time, status)
                SELECT n, 1, 'step' || (n % ?), 1 + (n - 1) / ?, now(), 'COMPLETED'
                FROM generate_series(1, ?) n""", STEPS, STEPS, NIGHTS * STEPS);
        f.jdbc.execute("ANALYZE batch_job_instance, batch_job_execution, batch_job_execution_params, batch_step_execution");
    }

    private String plan(String sql) {
        List<String> rows = f.jdbc.queryForList("EXPLAIN " + sql, String.class);
        return String.join("\n", rows);
    }

    @Test
    @DisplayName("the steps of one job execution, and the step-start check, are read through the job execution's index")
    void stepsOfOneExecution() {
        assertThat(plan("SELECT * FROM batch_step_execution WHERE job_execution_id = 700 ORDER BY step_execution_id"))
                .contains("batch_step_execution_job").doesNotContain("Seq Scan");
        assertThat(plan("""
                SELECT count(*) FROM batch_job_execution je JOIN batch_step_execution se
                  ON se.job_execution_id = je.job_execution_id
                WHERE je.job_instance_id = 700 AND se.step_name = 'step3'"""))
                .contains("batch_job_execution_instance").contains("batch_step_execution_job")
                .doesNotContain("Seq Scan");
    }

    @Test
    @DisplayName("the last execution of a job instance, its parameters and a date's executions are read through an index")
    void lastExecutionAndParameters() {
        assertThat(plan("""
                SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = 700
                  AND job_execution_id IN (SELECT max(job_execution_id) FROM batch_job_execution e2
                                           WHERE e2.job_instance_id = 700)"""))
                .contains("batch_job_execution_instance").doesNotContain("Seq Scan");
        assertThat(plan("SELECT * FROM batch_job_execution_params WHERE job_execution_id = 700"))
                .contains("batch_job_execution_params_job").doesNotContain("Seq Scan");
        assertThat(plan("""
                SELECT max(job_execution_id) FROM batch_job_execution_params
                WHERE parameter_name = 'businessDate' AND parameter_value = '2026-06-01'"""))
                .contains("batch_job_execution_params_value").doesNotContain("Seq Scan");
    }
}
