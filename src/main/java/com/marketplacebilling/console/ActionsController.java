package com.marketplacebilling.console;

import com.marketplacebilling.ledger.RunsView;
import com.marketplacebilling.ops.LedgerCommands;
import com.marketplacebilling.ops.NightlyRunner;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's actions (role OPERATOR, see ConsoleSecurity): a GET shows what will happen and asks to confirm,
 * the POST (with its CSRF token) starts it in the background through the CLI's own code and run lock.
 */
@Controller
@Profile(ConsoleProfile.NAME)
class ActionsController {
    private final ConsoleActions actions;
    private final NightlyRunner runner;
    private final LedgerCommands ledger;
    private final RunsView runs;
    private final Settings settings;

    ActionsController(ConsoleActions actions, NightlyRunner runner, LedgerCommands ledger, RunsView runs, Settings settings) {
        this.actions = actions;
        this.runner = runner;
        this.ledger = ledger;
        this.runs = runs;
        this.settings = settings;
    }

    @GetMapping("/actions/{action:restart|abandon}/{date}")
    String confirmDate(@PathVariable String action, @PathVariable String date, Model model) {
        LocalDate d = ConsoleModel.date(date);
        model.addAttribute("action", action);
        model.addAttribute("target", d.toString());
        model.addAttribute("cli", "bin/billing " + action + " --date " + d);
        model.addAttribute("what", action.equals("restart")
                ? "Resume the failed or stopped run of " + d + " from its last committed chunk, with the options it was started with."
                : "Give up the unfinished run of " + d + " for good: its stored rows are removed, nothing of it is"
                + " published, later dates may run, and " + d + " is never run again. Send its feeds' rows again in the"
                + " next date's feeds.");
        return "confirm";
    }

    @PostMapping("/actions/{action:restart|abandon}/{date}")
    String doDate(@PathVariable String action, @PathVariable String date, Authentication who, RedirectAttributes flash) {
        LocalDate d = ConsoleModel.date(date);
        ConsoleActions.Result r = actions.submit(who.getName(), action, d.toString(), action.equals("restart")
                ? () -> runner.run(d, settings, true) : () -> runner.abandon(d));
        flash.addFlashAttribute("message", message(r));
        return "redirect:/runs";
    }

    @GetMapping("/actions/run-next")
    String confirmNext(Model model) {
        LocalDate next = runs.nextDate();
        model.addAttribute("action", "run-next");
        model.addAttribute("target", next == null ? "" : next.toString());
        model.addAttribute("cli", next == null ? "bin/billing run --date D" : "bin/billing run --date " + next);
        model.addAttribute("what", next == null ? "No date has run yet on this ledger: run the first date with the CLI."
                : "Run the nightly job for " + next + " from the feeds in " + settings.inbox().resolve(next.toString()) + ".");
        model.addAttribute("impossible", next == null);
        return "confirm";
    }

    @PostMapping("/actions/run-next")
    String doNext(@RequestParam String target, Authentication who, RedirectAttributes flash) {
        LocalDate d = ConsoleModel.date(target);
        ConsoleActions.Result r = actions.submit(who.getName(), "run", d.toString(), () -> {
            // the date confirmed must still be the next one (another operator may have run it meanwhile)
            LocalDate next = runs.nextDate();
            if (!d.equals(next)) return Outcome.refused(d + " is no longer the next date (now " + next + "); nothing was run");
            return runner.run(d, settings, false);
        });
        flash.addFlashAttribute("message", message(r));
        return "redirect:/runs";
    }

    @GetMapping("/actions/close-month/{month}")
    String confirmClose(@PathVariable String month, Model model) {
        YearMonth m = ConsoleModel.month(month);
        model.addAttribute("action", "close-month");
        model.addAttribute("target", m.toString());
        model.addAttribute("cli", "bin/billing close-month --month " + m);
        model.addAttribute("what", "Write " + m + "'s invoices and lines into " + settings.outbox().resolve("invoices")
                .resolve(m.toString()) + " and lock the month: lines that come later for it are invoiced in the next"
                + " open month. Refused, with the reason, when the month cannot be closed yet.");
        return "confirm";
    }

    @PostMapping("/actions/close-month/{month}")
    String doClose(@PathVariable String month, Authentication who, RedirectAttributes flash) {
        YearMonth m = ConsoleModel.month(month);
        ConsoleActions.Result r = actions.submit(who.getName(), "close-month", m.toString(), () -> ledger.closeMonth(m, settings));
        flash.addFlashAttribute("message", message(r));
        return "redirect:/runs";
    }

    private static String message(ConsoleActions.Result r) {
        return r.exitCode() == -1 ? r.action() + " " + r.target() + " started; this page follows it" : r.message();
    }
}
