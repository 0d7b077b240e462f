package com.marketplacebilling.console;

import com.marketplacebilling.ledger.AuditStore;
import com.marketplacebilling.ledger.MonthsView;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Months (invoices per month and currency, close state, downloads), reconciliation, and the audit log. */
@Controller
@Profile(ConsoleProfile.NAME)
class MonthsController {
    private final MonthsView months;
    private final OutboxFiles files;
    private final AuditStore audit;

    MonthsController(MonthsView months, OutboxFiles files, AuditStore audit) {
        this.months = months;
        this.files = files;
        this.audit = audit;
    }

    @GetMapping("/months")
    String months(Model model) {
        Map<YearMonth, List<MonthsView.MonthTotal>> byMonth = new LinkedHashMap<>();
        for (MonthsView.MonthTotal t : months.totals()) byMonth.computeIfAbsent(t.month(), k -> new ArrayList<>()).add(t);
        Map<YearMonth, MonthsView.Closed> closed = new LinkedHashMap<>();
        for (MonthsView.Closed c : months.closed()) closed.put(c.month(), c);
        model.addAttribute("byMonth", byMonth);
        model.addAttribute("closed", closed);
        return "months";
    }

    @GetMapping("/months/{month}")
    String month(@PathVariable String month, Model model) {
        YearMonth m = ConsoleModel.month(month);
        model.addAttribute("month", m);
        model.addAttribute("totals", months.totals(m));
        model.addAttribute("closed", months.closed().stream().filter(c -> c.month().equals(m)).findFirst().orElse(null));
        model.addAttribute("files", files.list(files.monthFolder(m)));
        return "month";
    }

    @GetMapping("/months/{month}/files/{name}")
    ResponseEntity<FileSystemResource> monthFile(@PathVariable String month, @PathVariable String name) {
        return RunsController.download(files.file(files.monthFolder(ConsoleModel.month(month)), name));
    }

    @GetMapping("/reconciliation/{month}")
    String reconciliation(@PathVariable String month, @RequestParam(required = false) String code, Model model) {
        YearMonth m = ConsoleModel.month(month);
        OutboxFiles.Table summary = files.table(files.reconciliationFolder(m).resolve("reconciliation-summary.csv"));
        // the report has a row per Microsoft row: streamed, only rows with a code are counted, 1,000 kept for the page
        List<Map<String, String>> differences = new ArrayList<>();
        Map<String, Long> byCode = new java.util.TreeMap<>();
        long[] matching = {0};
        boolean reported = files.scan(files.reconciliationFolder(m).resolve("reconciliation.csv"), r -> {
            String c = r.getOrDefault("Code", "");
            if (c.isEmpty()) return;
            byCode.merge(c, 1L, Long::sum);
            if (code != null && !code.isBlank() && !code.equals(c)) return;
            matching[0]++;
            if (differences.size() < 1000) differences.add(r);
        });
        model.addAttribute("month", m);
        model.addAttribute("summary", summary);
        model.addAttribute("reconciled", summary != null && reported);
        model.addAttribute("byCode", byCode);
        model.addAttribute("code", code);
        model.addAttribute("differences", differences);
        model.addAttribute("differenceCount", matching[0]);
        model.addAttribute("files", files.list(files.reconciliationFolder(m)));
        return "reconciliation";
    }

    @GetMapping("/reconciliation/{month}/files/{name}")
    ResponseEntity<FileSystemResource> reconciliationFile(@PathVariable String month, @PathVariable String name) {
        return RunsController.download(files.file(files.reconciliationFolder(ConsoleModel.month(month)), name));
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "1") int page, Model model) {
        long count = audit.count();
        int pages = (int) Math.max(1, (count + 99) / 100);
        int p = Math.max(1, Math.min(page, pages));
        model.addAttribute("events", audit.recent(100, (p - 1) * 100));
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        return "audit";
    }
}
