package com.marketplacebilling.reconcile;

import com.marketplacebilling.publish.ManifestJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of {@code <outbox>/reconciliation/<YYYY-MM>/}: the month, the run, each input file with
 * its SHA-256 and row accounting (rows = compared + set aside + malformed), each output file with its SHA-256
 * and rows, the summary figures and the counts by status. Deterministic JSON in a fixed key order (as the date
 * manifest's); only runId and startedAt differ between two runs of the same inputs.
 */
public record ReconManifest(YearMonth month, long runId, String rounding, LocalDate lastCompletedDate,
                            Instant startedAt, List<Input> inputs, List<Output> outputs,
                            Map<String, ReconSummary.Figures> summary, Map<String, Long> statuses) {

    public static final String FILE_NAME = "manifest.json";

    public record Input(String name, String sha256, long rows, long compared, long setAside, long malformed) {
        public Input {
            if (rows != compared + setAside + malformed) {
                throw new IllegalStateException(name + ": rows " + rows + " != compared " + compared + " + set aside "
                        + setAside + " + malformed " + malformed);
            }
        }
    }

    public record Output(String name, String sha256, long rows) {}

    public byte[] toBytes() {
        StringBuilder b = new StringBuilder("{\n");
        field(b, 1, "month", ManifestJson.str(month.toString()), true);
        field(b, 1, "runId", Long.toString(runId), true);
        field(b, 1, "rounding", ManifestJson.str(rounding), true);
        field(b, 1, "lastCompletedDate", lastCompletedDate == null ? "null" : ManifestJson.str(lastCompletedDate.toString()), true);
        field(b, 1, "startedAt", ManifestJson.str(DateTimeFormatter.ISO_INSTANT.format(startedAt)), true);
        List<String> in = new ArrayList<>();
        for (Input i : inputs) {
            in.add(object(3, List.of("name", ManifestJson.str(i.name()), "sha256", ManifestJson.str(i.sha256()),
                    "rows", Long.toString(i.rows()), "compared", Long.toString(i.compared()),
                    "setAside", Long.toString(i.setAside()), "malformed", Long.toString(i.malformed()))));
        }
        array(b, "inputs", in, true);
        List<String> out = new ArrayList<>();
        for (Output o : outputs) {
            out.add(object(3, List.of("name", ManifestJson.str(o.name()), "sha256", ManifestJson.str(o.sha256()),
                    "rows", Long.toString(o.rows()))));
        }
        array(b, "outputs", out, true);
        List<String> cur = new ArrayList<>();
        summary.forEach((c, f) -> cur.add(object(3, List.of("currency", ManifestJson.str(c),
                "microsoftRows", Long.toString(f.microsoftRows), "microsoftTotal", amount(f.microsoftTotal, c),
                "ourLines", Long.toString(f.ourLines), "ourTotal", amount(f.ourTotal, c),
                "matched", Long.toString(f.matched), "matchedTotal", amount(f.matchedTotal, c),
                "differences", Long.toString(f.differences), "differenceTotal", amount(f.differenceTotal, c),
                "onlyMicrosoft", Long.toString(f.onlyMicrosoft), "onlyMicrosoftTotal", amount(f.onlyMicrosoftTotal, c),
                "onlyOurs", Long.toString(f.onlyOurs), "onlyOursTotal", amount(f.onlyOursTotal, c)))));
        array(b, "summary", cur, true);
        indent(b, 1).append("\"statuses\": {");
        int n = 0;
        for (Map.Entry<String, Long> e : statuses.entrySet()) {
            b.append(n++ == 0 ? "\n" : ",\n");
            indent(b, 2).append(ManifestJson.str(e.getKey())).append(": ").append(e.getValue());
        }
        b.append(statuses.isEmpty() ? "}\n" : "\n  }\n");
        b.append("}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String amount(BigDecimal d, String currency) {
        return ReconciliationSummaryCsv.shown(d, currency).toPlainString();
    }

    private static String object(int level, List<String> pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            field(b, level, pairs.get(i), pairs.get(i + 1), i + 2 < pairs.size());
        }
        return b.toString();
    }

    private static void array(StringBuilder b, String name, List<String> objects, boolean comma) {
        indent(b, 1).append(ManifestJson.str(name));
        if (objects.isEmpty()) {
            b.append(": []");
        } else {
            b.append(": [\n");
            for (int i = 0; i < objects.size(); i++) {
                indent(b, 2).append("{\n").append(objects.get(i));
                indent(b, 2).append(i == objects.size() - 1 ? "}\n" : "},\n");
            }
            indent(b, 1).append("]");
        }
        b.append(comma ? ",\n" : "\n");
    }

    private static void field(StringBuilder b, int level, String name, String json, boolean comma) {
        indent(b, level).append(ManifestJson.str(name)).append(": ").append(json).append(comma ? ",\n" : "\n");
    }

    private static StringBuilder indent(StringBuilder b, int level) {
        for (int i = 0; i < level; i++) b.append("  ");
        return b;
    }
}
