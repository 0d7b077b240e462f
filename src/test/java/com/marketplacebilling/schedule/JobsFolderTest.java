package com.marketplacebilling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacebilling.schedule.Schedule.Kind;
import com.marketplacebilling.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jobs/ files: their format, their checks, and the dates a firing works on. */
class JobsFolderTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the repository's jobs/ folder is valid: the nightly run at 02:30 UTC for yesterday, the month close on the 2nd")
    void shippedSchedules() {
        List<Schedule> s = JobsFolder.load(Cli.repository().resolve("jobs"));
        assertThat(s).extracting(Schedule::name).containsExactly("month-close", "nightly-billing");
        Schedule close = s.get(0);
        assertThat(close.kind()).isEqualTo(Kind.MONTH_CLOSE);
        assertThat(close.cron()).isEqualTo("0 0 6 2 * ?");
        Schedule nightly = s.get(1);
        assertThat(nightly.kind()).isEqualTo(Kind.NIGHTLY_BILLING);
        assertThat(nightly.cron()).isEqualTo("0 30 2 * * ?");
        assertThat(nightly.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(nightly.businessDateLagDays()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | job=nightly-billing\\ncron=0 30 2 * * ?\\ntime-zone=UTC\\nbusiness-date=yesterday\\nbusines-date=x | busines-date: unknown key
            missing cron        | job=nightly-billing\\ntime-zone=UTC\\nbusiness-date=yesterday                                 | cron: missing
            bad cron            | job=nightly-billing\\ncron=0 30 25 * * ?\\ntime-zone=UTC\\nbusiness-date=yesterday            | cron: not a Quartz cron expression
            five-field cron     | job=nightly-billing\\ncron=30 2 * * *\\ntime-zone=UTC\\nbusiness-date=yesterday               | cron: not a Quartz cron expression
            never fires         | job=nightly-billing\\ncron=0 0 0 1 1 ? 2001\\ntime-zone=UTC\\nbusiness-date=yesterday         | cron: never fires
            bad time zone       | job=nightly-billing\\ncron=0 30 2 * * ?\\ntime-zone=Mars/Olympus\\nbusiness-date=yesterday    | time-zone: not a time zone
            bad business date   | job=nightly-billing\\ncron=0 30 2 * * ?\\ntime-zone=UTC\\nbusiness-date=last-week            | business-date: must be yesterday or today
            unknown job         | job=nightly\\ncron=0 30 2 * * ?\\ntime-zone=UTC                                              | job: must be nightly-billing or month-close
            day 29              | job=month-close\\nday-of-month=29\\ntime=06:00\\ntime-zone=UTC                                | day-of-month: must be a day from 1 to 28
            bad time            | job=month-close\\nday-of-month=2\\ntime=6h\\ntime-zone=UTC                                    | time: must be a time HH:mm
            cron for month close| job=month-close\\nday-of-month=2\\ntime=06:00\\ntime-zone=UTC\\ncron=0 0 6 2 * ?             | cron: unknown key for job=month-close
            """)
    @DisplayName("a bad file is refused with the file, the key and the problem")
    void badFiles(String what, String content, String expected) throws IOException {
        Path f = Files.writeString(dir.resolve("s.properties"), content.replace("\\n", "\n"));
        assertThatThrownBy(() -> JobsFolder.load(dir)).isInstanceOf(ScheduleFileException.class)
                .hasMessageStartingWith(f.toString() + ": ").hasMessageContaining(expected);
    }

    @Test
    @DisplayName("an empty or missing folder, and a file name that cannot name a schedule, are refused")
    void badFolders() throws IOException {
        assertThatThrownBy(() -> JobsFolder.load(dir)).hasMessageContaining("no schedule files");
        assertThatThrownBy(() -> JobsFolder.load(dir.resolve("nope"))).hasMessageContaining("no such folder");
        Files.writeString(dir.resolve("Nightly Run.properties"), "job=nightly-billing\n");
        assertThatThrownBy(() -> JobsFolder.load(dir)).hasMessageContaining("Nightly Run.properties: the file name");
    }

    @Test
    @DisplayName("bin/billing schedule with a bad jobs file exits 2 before anything starts, naming the file and key")
    void badFileExitsTwo() throws IOException {
        Files.writeString(dir.resolve("nightly.properties"), "job=nightly-billing\ncron=every night\ntime-zone=UTC\n"
                + "business-date=yesterday\n");
        Cli.Result r = new Cli(Cli.repository(), "jdbc:postgresql://127.0.0.1:5432/never-used")
                .run("schedule", "--jobs", dir.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("nightly.properties: cron: not a Quartz cron expression");
    }

    @ParameterizedTest(name = "due {0}, lag {1} -> {2}")
    @CsvSource({
            "2026-11-25T02:30:00Z, 1, 2026-11-24",
            "2026-11-25T00:00:00Z, 1, 2026-11-24",
            "2026-11-24T23:59:59Z, 1, 2026-11-23",
            "2026-11-25T01:30:00+02:00, 1, 2026-11-23",   // 23:30 UTC the day before: UTC decides
            "2026-11-25T02:30:00Z, 0, 2026-11-25"})
    @DisplayName("the business date is the UTC date of the due time minus the lag")
    void businessDate(String due, int lag, LocalDate expected) {
        assertThat(Schedule.businessDate(java.time.OffsetDateTime.parse(due).toInstant(), lag)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a month close due in December closes November; one due on 2 January closes December")
    void monthToClose() {
        assertThat(Schedule.monthToClose(Instant.parse("2026-12-02T06:00:00Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(Schedule.monthToClose(Instant.parse("2027-01-02T06:00:00Z"))).isEqualTo(YearMonth.of(2026, 12));
    }
}
