package com.marketplacebilling.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class ProgressListenerTest {

    private static StepExecution step(String name) {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "nightlyBilling"), new JobParameters());
        return new StepExecution(name, job);
    }

    @Test
    @DisplayName("a progress report gives rows done of the expected total, rows per second and the time left")
    void reportsRowsRateAndTimeLeft() {
        ProgressListener listener = new ProgressListener(10_000, s -> 1_000_000L);
        StepExecution step = step("loadCommerce");
        listener.beforeStep(step);
        step.setReadCount(250_000);
        // pretend 10 s passed since the step began: 25,000 rows/s, 750,000 rows left = 30 s
        assertThat(listener.line(10_000_000_000L))
                .isEqualTo("loadCommerce: 250,000 of about 1,000,000 done, 25,000 per second, about 30 s left");
    }

    @Test
    @DisplayName("with an unknown total a report still gives rows done and the rate, without a guess of the time left")
    void unknownTotal() {
        ProgressListener listener = new ProgressListener(10_000, s -> -1L);
        StepExecution step = step("bill");
        listener.beforeStep(step);
        step.setReadCount(5_000);
        assertThat(listener.line(2_000_000_000L)).isEqualTo("bill: 5,000 done, 2,500 per second");
    }
}
