package com.marketplacebilling.batch;

import static com.marketplacebilling.batch.JobParameterNames.BUSINESS_DATE;
import static com.marketplacebilling.batch.JobParameterNames.INBOX;
import static com.marketplacebilling.batch.JobParameterNames.LEGACY_UNTIL;
import static com.marketplacebilling.batch.JobParameterNames.OUTBOX;
import static com.marketplacebilling.batch.JobParameterNames.ROUNDING;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of a business date's job execution, typed. Only the business date identifies the execution
 * (a rerun of a failed date resumes it); the folders and the billing policy are recorded with it.
 */
public record RunParameters(LocalDate businessDate, Path inbox, Path outbox, BillingPolicy policy) {

    /** The parameters that find a date's job executions. */
    public static JobParameters identifying(LocalDate businessDate) {
        return new JobParametersBuilder().addLocalDate(BUSINESS_DATE, businessDate, true).toJobParameters();
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, businessDate, true)
                .addString(INBOX, inbox.toString(), false)
                .addString(OUTBOX, outbox.toString(), false)
                .addString(ROUNDING, policy.rounding().optionName(), false)
                .addString(LEGACY_UNTIL, policy.cancellationLegacyUntil().toString(), false)
                .toJobParameters();
    }

    public static RunParameters of(JobParameters p) {
        return new RunParameters(p.getLocalDate(BUSINESS_DATE), Path.of(p.getString(INBOX)), Path.of(p.getString(OUTBOX)),
                new BillingPolicy(Rounding.parse(p.getString(ROUNDING)), Instant.parse(p.getString(LEGACY_UNTIL))));
    }
}
