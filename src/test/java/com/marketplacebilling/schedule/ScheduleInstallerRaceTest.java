package com.marketplacebilling.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Slow;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.SchedulerException;

/** Which installation failures mean "another process of the cluster stored it first" (and are retried). */
@Slow
class ScheduleInstallerRaceTest {
    @Test
    @DisplayName("a duplicate key from the Quartz tables is a lost race; anything else is a real failure")
    void recognisesALostRace() {
        assertThat(ScheduleInstaller.raceLost(new JobPersistenceException("Couldn't store job",
                new SQLException("ERROR: duplicate key value violates unique constraint \"qrtz_job_details_pkey\"",
                        "23505")))).isTrue();
        assertThat(ScheduleInstaller.raceLost(new ObjectAlreadyExistsException("job billing.nightly"))).isTrue();
        assertThat(ScheduleInstaller.raceLost(new SchedulerException("Couldn't store job",
                new SQLException("connection refused", "08001")))).isFalse();
        assertThat(ScheduleInstaller.raceLost(new SchedulerException("bad cron"))).isFalse();
    }
}
