package com.marketplacebilling.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fulfillment rows of one subscription interpreted per R17: one operation per event_id, progressing from
 * InProgress to Succeeded or Failed; identical repeats are duplicates, different ones conflicts; rows from
 * another publisher are ignored. Only Succeeded operations change state.
 */
final class FulfillmentLog {

    record Rejection(FulfillmentEvent row, ExceptionCode code, String message, String expected, String actual) {}

    static final Comparator<FulfillmentEvent> ARRIVAL_ORDER = Comparator
            .comparing((FulfillmentEvent e) -> e.source().businessDate())
            .thenComparingLong(e -> e.source().line());

    static final Comparator<FulfillmentEvent> OCCURRENCE_ORDER = Comparator
            .comparing(FulfillmentEvent::occurredAt).thenComparing(ARRIVAL_ORDER);

    /** Current row of each operation, by event id, in order of first arrival. */
    private final Map<String, FulfillmentEvent> operations = new LinkedHashMap<>();
    /** Rows accepted (first rows and progressions), in arrival order. */
    private final List<FulfillmentEvent> acceptedRows = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private List<FulfillmentEvent> succeeded;

    /** @param publisherId the subscription's publisher from the commerce feed, or null when unknown */
    static FulfillmentLog of(List<FulfillmentEvent> rows, String publisherId) {
        FulfillmentLog log = new FulfillmentLog();
        List<FulfillmentEvent> sorted = new ArrayList<>(rows);
        sorted.sort(ARRIVAL_ORDER);
        for (FulfillmentEvent row : sorted) log.accept(row, publisherId);
        log.succeeded = log.operations.values().stream()
                .filter(e -> e.status() == OperationStatus.SUCCEEDED)
                .sorted(OCCURRENCE_ORDER)
                .toList();
        return log;
    }

    private void accept(FulfillmentEvent row, String publisherId) {
        if (publisherId != null && !publisherId.equals(row.publisherId())) {
            rejections.add(new Rejection(row, ExceptionCode.PUBLISHER_MISMATCH,
                    "R17: event from publisher " + row.publisherId() + " for a subscription of publisher "
                            + publisherId + "; row ignored", publisherId, row.publisherId()));
            return;
        }
        FulfillmentEvent current = operations.get(row.eventId());
        if (current == null) {
            operations.put(row.eventId(), row);
            acceptedRows.add(row);
        } else if (current.status() == OperationStatus.IN_PROGRESS && row.status() != OperationStatus.IN_PROGRESS
                && current.sameOperationAs(row)) {
            operations.put(row.eventId(), row); // the operation completing, at this row's occurred_at
            acceptedRows.add(row);
        } else if (current.sameContentAs(row)) {
            rejections.add(new Rejection(row, ExceptionCode.DUPLICATE_EVENT,
                    "R17: event " + row.eventId() + " already received (" + where(current) + "); row ignored",
                    "", ""));
        } else {
            rejections.add(new Rejection(row, ExceptionCode.CONFLICTING_EVENT,
                    "R17: event " + row.eventId() + " was received before (" + where(current)
                            + ") with different content; row ignored", describe(current), describe(row)));
        }
    }

    private static String where(FulfillmentEvent e) {
        return e.source().businessDate() + " " + e.source().file() + " line " + e.source().line();
    }

    static String describe(FulfillmentEvent e) {
        return e.action().feedName() + " " + e.status().feedName() + " at " + e.occurredAt()
                + (e.planId().isEmpty() ? "" : " plan=" + e.planId())
                + (e.quantity() == null ? "" : " quantity=" + e.quantity())
                + (e.publisherId().isEmpty() ? "" : " publisher=" + e.publisherId());
    }

    List<Rejection> rejections() { return rejections; }

    List<FulfillmentEvent> acceptedRows() { return acceptedRows; }

    /** Every operation in its current state (one per event id). */
    Iterable<FulfillmentEvent> operations() { return operations.values(); }

    /** R1: the later of the first Succeeded LicensesAssigned and the first Succeeded Activate, or null. */
    Instant billingStart() {
        Instant assigned = first(FulfillmentAction.LICENSES_ASSIGNED);
        Instant activated = first(FulfillmentAction.ACTIVATE);
        if (assigned == null || activated == null) return null;
        return assigned.isAfter(activated) ? assigned : activated;
    }

    /** R1: the first Succeeded LicensesAssigned and the first Succeeded Activate, in that order (empty: not both). */
    List<FulfillmentEvent> billingStartEvents() {
        FulfillmentEvent assigned = firstEvent(FulfillmentAction.LICENSES_ASSIGNED);
        FulfillmentEvent activated = firstEvent(FulfillmentAction.ACTIVATE);
        if (assigned == null || activated == null) return List.of();
        return List.of(assigned, activated);
    }

    private FulfillmentEvent firstEvent(FulfillmentAction action) {
        for (FulfillmentEvent e : succeeded) {
            if (e.action() == action) return e;
        }
        return null;
    }

    boolean activated() { return first(FulfillmentAction.ACTIVATE) != null; }

    private Instant first(FulfillmentAction action) {
        for (FulfillmentEvent e : succeeded) {
            if (e.action() == action) return e.occurredAt();
        }
        return null;
    }

    /** R13: the latest Succeeded Suspend/Reinstate strictly before the instant, or null. */
    FulfillmentEvent lastSuspendOrReinstateBefore(Instant t) {
        FulfillmentEvent found = null;
        for (FulfillmentEvent e : succeeded) {
            if (!e.occurredAt().isBefore(t)) break;
            if (e.action() == FulfillmentAction.SUSPEND || e.action() == FulfillmentAction.REINSTATE) found = e;
        }
        return found;
    }

    /** R13: suspended at the start of day d. */
    boolean suspendedAtStartOf(LocalDate d) {
        FulfillmentEvent e = lastSuspendOrReinstateBefore(Instants.startOf(d));
        return e != null && e.action() == FulfillmentAction.SUSPEND;
    }

    /** The first Succeeded Reinstate dated within [from, to], or null. */
    FulfillmentEvent firstReinstateBetween(LocalDate from, LocalDate to) {
        for (FulfillmentEvent e : succeeded) {
            LocalDate d = Instants.dateOf(e.occurredAt());
            if (e.action() == FulfillmentAction.REINSTATE && !d.isBefore(from) && !d.isAfter(to)) return e;
        }
        return null;
    }

    /** R16: the publisher's status, quantity and plan from Succeeded operations up to the instant. */
    record PublisherView(String status, Integer quantity, String planId) {}

    PublisherView viewAt(Instant t) {
        String status = null;
        Integer quantity = null;
        String plan = null;
        for (FulfillmentEvent e : succeeded) {
            if (!e.occurredAt().isBefore(t)) break;
            switch (e.action()) {
                case ACTIVATE -> { if (status == null) status = "Subscribed"; }
                case SUSPEND -> status = "Suspended";
                case REINSTATE -> status = "Subscribed";
                case UNSUBSCRIBE -> status = "Unsubscribed";
                default -> { }
            }
            boolean carries = switch (e.action()) {
                case ACTIVATE, LICENSES_ASSIGNED, CHANGE_QUANTITY, CHANGE_PLAN -> true;
                default -> false;
            };
            if (carries && e.quantity() != null) quantity = e.quantity();
            if (carries && !e.planId().isEmpty()) plan = e.planId();
        }
        return new PublisherView(status, quantity, plan);
    }
}
