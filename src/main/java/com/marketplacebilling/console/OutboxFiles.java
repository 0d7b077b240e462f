package com.marketplacebilling.console;

import com.marketplacebilling.feed.CsvRecordReader;
import com.marketplacebilling.ops.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The published files the console shows and serves: a date's folder, a closed month's folder, the line
 * explanations and the reconciliation report. Only files listed in those folders can be downloaded (names are
 * matched against the listing, never joined to a path as given).
 */
@Component
@Profile(ConsoleProfile.NAME)
public class OutboxFiles {
    public record FileEntry(String name, long bytes) {}

    /** A CSV read whole: header and rows as maps by column name. */
    public record Table(List<String> header, List<Map<String, String>> rows) {}

    /** manifest.json as the page shows it: every field by name, amounts as exact decimals. */
    public record ManifestView(Map<String, String> facts, List<Map<String, String>> inputs, List<Map<String, String>> outputs,
                               List<Map<String, String>> currencies) {}

    /** Jackson 3, as the web server uses it; amounts read as decimals, never through a double. */
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Settings settings;

    public OutboxFiles(Settings settings) { this.settings = settings; }

    public Path dateFolder(LocalDate d) { return settings.outbox().resolve(d.toString()); }

    public Path monthFolder(YearMonth m) { return settings.outbox().resolve("invoices").resolve(m.toString()); }

    public Path reconciliationFolder(YearMonth m) { return settings.outbox().resolve("reconciliation").resolve(m.toString()); }

    public List<FileEntry> list(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> new FileEntry(p.getFileName().toString(), size(p)))
                    .sorted(java.util.Comparator.comparing(FileEntry::name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of that name in the folder's listing, or null. */
    public Path file(Path folder, String name) {
        for (FileEntry f : list(folder)) if (f.name().equals(name)) return folder.resolve(f.name());
        return null;
    }

    /**
     * The rows of {@code line-explanations.csv} of the date for the given line ids (the file is read as a
     * stream; only the wanted rows are kept). Empty when the file does not exist.
     */
    public Map<String, Map<String, String>> explanations(LocalDate date, Set<String> lineIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        Path f = dateFolder(date).resolve("line-explanations.csv");
        if (lineIds.isEmpty() || !Files.isRegularFile(f)) return out;
        read(f, row -> lineIds.contains(row.get("LineId")), row -> out.put(row.get("LineId"), row));
        return out;
    }

    /** The date's published manifest.json, or null when nothing was published. */
    public ManifestView manifest(LocalDate date) {
        Path f = dateFolder(date).resolve("manifest.json");
        if (!Files.isRegularFile(f)) return null;
        try (InputStream in = Files.newInputStream(f)) {
            tools.jackson.databind.JsonNode root = JSON.readTree(in);
            Map<String, String> facts = new LinkedHashMap<>();
            root.properties().forEach(e -> {
                if (e.getValue().isValueNode()) facts.put(e.getKey(), e.getValue().asString());
            });
            return new ManifestView(facts, rows(root.path("inputs")), rows(root.path("outputs")), rows(root.path("currencies")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, String>> rows(tools.jackson.databind.JsonNode array) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (tools.jackson.databind.JsonNode n : array) {
            Map<String, String> row = new LinkedHashMap<>();
            n.properties().forEach(e -> row.put(e.getKey(), e.getValue().isNumber()
                    ? e.getValue().decimalValue().toPlainString() : e.getValue().asString()));
            rows.add(row);
        }
        return rows;
    }

    /** A CSV of our own outputs, whole, or null when it does not exist. */
    public Table table(Path f) {
        if (!Files.isRegularFile(f)) return null;
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = read(f, r -> true, rows::add);
        return new Table(header, rows);
    }

    /** Streams every row of a CSV of our own outputs; false when the file does not exist. */
    public boolean scan(Path f, java.util.function.Consumer<Map<String, String>> sink) {
        if (!Files.isRegularFile(f)) return false;
        read(f, r -> true, sink);
        return true;
    }

    private static List<String> read(Path f, Predicate<Map<String, String>> keep,
                                     java.util.function.Consumer<Map<String, String>> sink) {
        try (InputStream in = Files.newInputStream(f); CsvRecordReader r = new CsvRecordReader(in)) {
            CsvRecordReader.CsvRecord h = r.next(1000);
            if (h == null) return List.of();
            List<String> header = h.fields();
            for (CsvRecordReader.CsvRecord rec = r.next(1000); rec != null; rec = r.next(1000)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) row.put(header.get(i), i < rec.fields().size() ? rec.fields().get(i) : "");
                if (keep.test(row)) sink.accept(row);
            }
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
