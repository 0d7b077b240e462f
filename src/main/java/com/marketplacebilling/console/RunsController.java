package com.marketplacebilling.console;

import com.marketplacebilling.ledger.RunState;
import com.marketplacebilling.ledger.RunsView;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The runs page, a date's page, and the downloads of a date's published files. */
@Controller
@Profile(ConsoleProfile.NAME)
class RunsController {
    static final int PAGE = 50;
    static final int DEFAULT_RUNS = 60;
    private final RunsView runs;
    private final OutboxFiles files;
    private final ConsoleActions actions;
    private final RunProgress progress;

    RunsController(RunsView runs, OutboxFiles files, ConsoleActions actions, RunProgress progress) {
        this.runs = runs;
        this.files = files;
        this.actions = actions;
        this.progress = progress;
    }

    @GetMapping("/")
    String root() { return "redirect:/runs"; }

    @GetMapping("/login")
    String login() { return "login"; }

    @GetMapping("/runs")
    String runs(@RequestParam(defaultValue = "" + DEFAULT_RUNS) int last, Model model) {
        List<RunsView.Run> list = runs.runs(Math.max(1, Math.min(last, 1000)));
        RunsView.Run running = list.stream().filter(r -> r.state() == RunState.RUNNING).findFirst().orElse(null);
        model.addAttribute("runs", list);
        model.addAttribute("running", running);
        model.addAttribute("progress", running == null ? List.of() : progress.of(running.date()));
        model.addAttribute("current", actions.current());
        model.addAttribute("recent", actions.recent());
        model.addAttribute("nextDate", runs.nextDate());
        model.addAttribute("refresh", running != null || actions.current() != null);
        return "runs";
    }

    /** One bar of the exceptions chart, drawn on the server as SVG. */
    record Bar(String label, long count, int y, int width, String severity) {}

    @GetMapping("/dates/{date}")
    String date(@PathVariable String date, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String code, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "1") int page, Model model) {
        LocalDate d = ConsoleModel.date(date);
        RunsView.Run run = runs.run(d);
        if (run == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no run for " + d);
        List<RunsView.ExceptionGroup> groups = runs.exceptionGroups(d);
        long max = groups.stream().mapToLong(RunsView.ExceptionGroup::count).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            RunsView.ExceptionGroup g = groups.get(i);
            bars.add(new Bar(g.code(), g.count(), i * 22, (int) Math.max(2, 400 * g.count() / max), g.severity()));
        }
        RunsView.ExceptionFilter filter = new RunsView.ExceptionFilter(severity, code, q);
        long matching = runs.countExceptions(d, filter);
        int pages = (int) Math.max(1, (matching + PAGE - 1) / PAGE);
        int p = Math.max(1, Math.min(page, pages));
        model.addAttribute("run", run);
        model.addAttribute("date", d);
        model.addAttribute("inputs", runs.inputs(d));
        model.addAttribute("files", files.list(files.dateFolder(d)));
        model.addAttribute("manifest", files.manifest(d));
        model.addAttribute("groups", groups);
        model.addAttribute("bars", bars);
        model.addAttribute("chartHeight", Math.max(22, bars.size() * 22));
        model.addAttribute("filter", filter);
        model.addAttribute("exceptions", runs.exceptions(d, filter, PAGE, (p - 1) * PAGE));
        model.addAttribute("matching", matching);
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("progress", run.state() == RunState.RUNNING ? progress.of(d) : List.of());
        model.addAttribute("refresh", run.state() == RunState.RUNNING);
        return "date";
    }

    @GetMapping("/dates/{date}/files/{name}")
    ResponseEntity<FileSystemResource> dateFile(@PathVariable String date, @PathVariable String name) {
        return download(files.file(files.dateFolder(ConsoleModel.date(date)), name));
    }

    static ResponseEntity<FileSystemResource> download(Path f) {
        if (f == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such file");
        String n = f.getFileName().toString();
        MediaType type = n.endsWith(".csv") ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                : n.endsWith(".json") ? MediaType.APPLICATION_JSON
                : n.endsWith(".xlsx") ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(n).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(f));
    }
}
