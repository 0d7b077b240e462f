package com.marketplacebilling.console;

import com.marketplacebilling.ledger.SubscriptionStoryView;
import com.marketplacebilling.ledger.SubscriptionStoryView.CommerceRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/** Search by subscription, customer or order id, and a subscription's story in time order. */
@Controller
@Profile(ConsoleProfile.NAME)
class SubscriptionsController {
    private final SubscriptionStoryView story;
    private final OutboxFiles files;
    private final com.marketplacebilling.ledger.ExplanationStore explanations;

    SubscriptionsController(SubscriptionStoryView story, OutboxFiles files,
                            com.marketplacebilling.ledger.ExplanationStore explanations) {
        this.explanations = explanations;
        this.story = story;
        this.files = files;
    }

    @GetMapping("/subscriptions")
    String search(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        List<SubscriptionStoryView.Match> matches = query.isEmpty() ? List.of() : story.search(query, 200);
        if (matches.size() == 1 && matches.get(0).subscriptionId().equals(query)) {
            return "redirect:/subscriptions/" + UriUtils.encodePathSegment(query, java.nio.charset.StandardCharsets.UTF_8);
        }
        model.addAttribute("q", query);
        model.addAttribute("matches", matches);
        return "subscriptions";
    }

    /** One entry of the story: when, what kind, and what happened. */
    record Entry(Instant at, LocalDate businessDate, String kind, String title, List<String> details, String source) {}

    /** A line with the explanation of the date that billed it, where that file exists. */
    record ExplainedLine(SubscriptionStoryView.LineRow line, Map<String, String> explanation) {}

    /** R1: S is the UTC date of the later of the first Succeeded LicensesAssigned and the first Succeeded Activate. */
    static String startWhy(List<SubscriptionStoryView.EventRow> events) {
        Instant assigned = first(events, "LicensesAssigned");
        Instant activated = first(events, "Activate");
        if (assigned == null || activated == null) {
            return "R1: billing has not started: " + (assigned == null ? "no Succeeded LicensesAssigned" : "")
                    + (assigned == null && activated == null ? " and " : "") + (activated == null ? "no Succeeded Activate" : "")
                    + " has arrived yet, so the subscription is pending and produces no lines.";
        }
        boolean assignedLater = assigned.isAfter(activated);
        return "R1: S = " + LocalDate.ofInstant(assignedLater ? assigned : activated, java.time.ZoneOffset.UTC)
                + ", the UTC date of the later of the first Succeeded LicensesAssigned (" + assigned
                + ") and the first Succeeded Activate (" + activated + "): the " + (assignedLater ? "assignment" : "activation")
                + " came last.";
    }

    private static Instant first(List<SubscriptionStoryView.EventRow> events, String action) {
        // stored as the core's enum names (LICENSES_ASSIGNED, SUCCEEDED); the feed spells them LicensesAssigned
        return events.stream().filter(e -> e.action().replace("_", "").equalsIgnoreCase(action)
                        && e.status().equalsIgnoreCase("Succeeded"))
                .map(SubscriptionStoryView.EventRow::occurredAt).min(Comparator.naturalOrder()).orElse(null);
    }

    @GetMapping("/subscriptions/{id}")
    String story(@PathVariable String id, Model model) {
        if (!story.exists(id)) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such subscription");
        List<CommerceRow> commerce = story.commerce(id);
        List<SubscriptionStoryView.EventRow> events = story.events(id);
        List<SubscriptionStoryView.LineRow> lines = story.lines(id);
        List<SubscriptionStoryView.ExceptionRow> exceptions = story.exceptions(id);

        List<Entry> entries = new ArrayList<>();
        CommerceRow before = null;
        for (CommerceRow c : commerce) {
            List<String> changes = new ArrayList<>();
            if (before == null) {
                for (String f : List.of("plan_id", "quantity", "unit_price", "currency", "term", "billing_frequency", "status"))
                    changes.add(f + " = " + c.fields().get(f));
            } else {
                for (String f : SubscriptionStoryView.COMMERCE_FIELDS) {
                    if (f.equals("updated_at")) continue;
                    if (!Objects.equals(before.fields().get(f), c.fields().get(f)))
                        changes.add(f + ": " + before.fields().get(f) + " \u2192 " + c.fields().get(f));
                }
            }
            entries.add(new Entry(c.updatedAt(), c.businessDate(), "commerce", before == null ? "first commerce version"
                    : "commerce version changed", changes, c.businessDate() + "/subscriptions.csv line " + c.sourceLine()));
            before = c;
        }
        for (SubscriptionStoryView.EventRow e : events) {
            List<String> d = new ArrayList<>();
            d.add("status " + e.status());
            if (!e.planId().isEmpty()) d.add("plan " + e.planId());
            if (e.quantity() != null) d.add("quantity " + e.quantity());
            boolean suspension = e.action().toLowerCase(java.util.Locale.ROOT).contains("suspend")
                    || e.action().toLowerCase(java.util.Locale.ROOT).contains("reinstate");
            entries.add(new Entry(e.occurredAt(), e.businessDate(), suspension ? "suspension" : "fulfillment",
                    e.action() + " (" + e.eventId() + ")", d, e.businessDate() + "/fulfillment-events.csv line " + e.sourceLine()));
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::businessDate));

        // from the ledger by the subscription's key: the published file of a large date is too long to scan
        Map<String, Map<String, String>> explained = new java.util.HashMap<>();
        for (com.marketplacebilling.ledger.ExplainedLine l : explanations.lines(id, null)) {
            if (l.explanation() != null) explained.put(l.line().lineId(), explanationCells(l));
        }
        List<ExplainedLine> shown = lines.stream().map(l -> new ExplainedLine(l, explained.get(l.lineId()))).toList();

        model.addAttribute("id", id);
        model.addAttribute("latest", commerce.isEmpty() ? null : commerce.get(commerce.size() - 1).fields());
        model.addAttribute("entries", entries);
        model.addAttribute("lines", shown);
        model.addAttribute("billingStart", lines.stream().map(SubscriptionStoryView.LineRow::chargeStart)
                .min(Comparator.naturalOrder()).orElse(null));
        model.addAttribute("exceptions", exceptions);
        model.addAttribute("startWhy", startWhy(events));
        return "subscription";
    }

    /** The cells the page shows, named as in line-explanations.csv. */
    private static Map<String, String> explanationCells(com.marketplacebilling.ledger.ExplainedLine l) {
        var e = l.explanation();
        return Map.of("Text", com.marketplacebilling.explain.ExplanationText.sentence(l.line(), e),
                "Rule", e.rule().code(), "RemainingDays", Integer.toString(e.remainingDays()),
                "CycleDays", Integer.toString(e.cycleDays()), "ExactAmount", e.exactAmount().toPlainString(),
                "RoundingMode", e.rounding().optionName());
    }
}
