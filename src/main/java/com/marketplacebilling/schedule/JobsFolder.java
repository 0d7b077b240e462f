package com.marketplacebilling.schedule;

import com.marketplacebilling.schedule.Schedule.Kind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.quartz.CronExpression;

/**
 * Reads and checks the schedule files ({@code *.properties}) of a {@code jobs/} folder, strictly: an unknown or
 * missing key, a bad cron expression or time zone fails with the file, the key and the problem, before
 * anything starts. The format is described in docs/operations.md, "Schedules".
 */
public final class JobsFolder {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

    private JobsFolder() {}

    public static List<Schedule> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScheduleFileException(dir, null, "no such folder (the schedules folder; give another with --jobs DIR)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
        } catch (IOException e) {
            throw new ScheduleFileException(dir, null, "cannot list the folder: " + e.getMessage());
        }
        if (files.isEmpty()) throw new ScheduleFileException(dir, null, "no schedule files (*.properties) in the folder");
        List<Schedule> schedules = new ArrayList<>();
        for (Path f : files) schedules.add(read(f));
        return schedules;
    }

    static Schedule read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".properties".length());
        if (!name.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw new ScheduleFileException(file, null, "the file name must be lower-case letters, digits and '-'"
                    + " followed by .properties (it names the schedule)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ScheduleFileException(file, null, "cannot read the file: " + e.getMessage());
        }
        String job = required(file, p, "job");
        Kind kind = null;
        for (Kind k : Kind.values()) if (k.key.equals(job)) kind = k;
        if (kind == null) throw new ScheduleFileException(file, "job", "must be nightly-billing or month-close, got: " + job);
        ZoneId zone = zone(file, required(file, p, "time-zone"));
        return switch (kind) {
            case NIGHTLY_BILLING -> {
                onlyKeys(file, p, "job", "time-zone", "cron", "business-date");
                String cron = cron(file, required(file, p, "cron"));
                String bd = required(file, p, "business-date");
                int lag = switch (bd) {
                    case "yesterday" -> 1;
                    case "today" -> 0;
                    default -> throw new ScheduleFileException(file, "business-date", "must be yesterday or today, got: " + bd);
                };
                yield new Schedule(name, file, kind, cron, zone, lag);
            }
            case MONTH_CLOSE -> {
                onlyKeys(file, p, "job", "time-zone", "day-of-month", "time");
                String day = required(file, p, "day-of-month");
                if (!day.matches("[0-9]{1,2}") || Integer.parseInt(day) < 1 || Integer.parseInt(day) > 28) {
                    throw new ScheduleFileException(file, "day-of-month", "must be a day from 1 to 28 (every month has"
                            + " it), got: " + day);
                }
                LocalTime at;
                try {
                    at = LocalTime.parse(required(file, p, "time"), HH_MM);
                } catch (DateTimeException e) {
                    throw new ScheduleFileException(file, "time", "must be a time HH:mm, got: " + p.getProperty("time"));
                }
                String cron = String.format(Locale.ROOT, "0 %d %d %d * ?", at.getMinute(), at.getHour(), Integer.parseInt(day));
                yield new Schedule(name, file, kind, cron, zone, 0);
            }
        };
    }

    private static String required(Path file, Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new ScheduleFileException(file, key, "missing (required)");
        return v.strip();
    }

    private static void onlyKeys(Path file, Properties p, String... allowed) {
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            throw new ScheduleFileException(file, unknown.iterator().next(), "unknown key for job="
                    + p.getProperty("job").strip() + " (allowed: " + String.join(", ", allowed) + ")");
        }
    }

    private static String cron(Path file, String cron) {
        try {
            if (new CronExpression(cron).getNextValidTimeAfter(new Date()) == null) {
                throw new ScheduleFileException(file, "cron", "never fires: " + cron);
            }
        } catch (ParseException e) {
            throw new ScheduleFileException(file, "cron", "not a Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week, e.g. 0 30 2 * * ?): " + e.getMessage() + ", got: " + cron);
        }
        return cron;
    }

    private static ZoneId zone(Path file, String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ScheduleFileException(file, "time-zone", "not a time zone id like UTC or Europe/Paris, got: " + id);
        }
    }
}
