package com.marketplacebilling.cli;

import com.marketplacebilling.explain.ExplainReports;
import com.marketplacebilling.ledger.ExplanationStore;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** {@code bin/billing explain --line ID} and {@code explain --subscription ID [--date D]}. */
@Component
public class ExplainCommand {
    private final ExplanationStore store;

    public ExplainCommand(ExplanationStore store) {
        this.store = store;
    }

    /** What to print; {@code found} false when the id is unknown (the command then exits 3). */
    public record Result(boolean found, String text) {}

    public Result line(String lineId) {
        return store.line(lineId).map(x -> new Result(true, ExplainReports.line(x)))
                .orElseGet(() -> new Result(false, "no line " + lineId + " was ever billed"));
    }

    public Result subscription(String subscriptionId, LocalDate upTo) {
        return store.subscription(subscriptionId, upTo).map(r -> new Result(true, ExplainReports.subscription(r)))
                .orElseGet(() -> new Result(false, "no feed ever named subscription " + subscriptionId));
    }
}
