package com.marketplacebilling.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The commerce versions of one subscription in effect order (updated_at, then arrival, then file line), with
 * R12 (immutable fields, quarantine) and R10 (a cancelled subscription never comes back) applied.
 */
final class CommerceTimeline {

    /** A version that was not applied, and why. */
    record Rejection(CommerceVersion version, ExceptionCode code, String message, String expected, String actual) {}

    static final Comparator<CommerceVersion> EFFECT_ORDER = Comparator
            .comparing(CommerceVersion::updatedAt)
            .thenComparing(v -> v.source().businessDate())
            .thenComparingLong(v -> v.source().line());

    private final List<CommerceVersion> applied = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private boolean quarantined;

    static CommerceTimeline of(List<CommerceVersion> versions) {
        CommerceTimeline t = new CommerceTimeline();
        List<CommerceVersion> sorted = new ArrayList<>(versions);
        sorted.sort(EFFECT_ORDER);
        Set<Object> seen = new HashSet<>();
        for (CommerceVersion v : sorted) {
            // an identical resend is no fact (R17); most subscriptions have a single version
            if (sorted.size() == 1 || seen.add(v.content())) t.accept(v);
        }
        return t;
    }

    private void accept(CommerceVersion v) {
        if (applied.isEmpty()) {
            applied.add(v);
            return;
        }
        CommerceVersion first = applied.get(0);
        Rejection r = immutableChange(first, v);
        if (r != null) {
            rejections.add(r);
            quarantined = true; // R18: until a later version agrees with the stored values again
            return;
        }
        quarantined = false;
        CommerceVersion cancelled = cancellation();
        if (cancelled != null && v.status() != CommerceStatus.CANCELLED) {
            rejections.add(new Rejection(v, ExceptionCode.REACTIVATION_REFUSED,
                    "R10: subscription was cancelled at " + cancelled.cancelledAt()
                            + "; a cancelled subscription never becomes " + v.status().feedName() + " again",
                    CommerceStatus.CANCELLED.feedName(), v.status().feedName()));
            return;
        }
        applied.add(v);
    }

    private static Rejection immutableChange(CommerceVersion stored, CommerceVersion v) {
        if (!stored.currency().equals(v.currency())) {
            return new Rejection(v, ExceptionCode.CURRENCY_CHANGED,
                    "R12: currency never changes; version not applied and subscription quarantined",
                    stored.currency(), v.currency());
        }
        String[][] fields = {
                {"order_id", stored.orderId(), v.orderId()},
                {"customer_id", stored.customerId(), v.customerId()},
                {"ordered_at", stored.orderedAt().toString(), v.orderedAt().toString()},
                {"term", stored.term().name(), v.term().name()},
                {"billing_frequency", stored.billingFrequency().feedName(), v.billingFrequency().feedName()},
        };
        for (String[] f : fields) {
            if (!Objects.equals(f[1], f[2])) {
                return new Rejection(v, ExceptionCode.IMMUTABLE_FIELD_CHANGED,
                        "R12: " + f[0] + " never changes; version not applied and subscription quarantined",
                        f[1], f[2]);
            }
        }
        return null;
    }

    boolean isEmpty() { return applied.isEmpty(); }

    /** The first version: it fixes the immutable fields. */
    CommerceVersion established() { return applied.get(0); }

    List<CommerceVersion> applied() { return applied; }

    List<Rejection> rejections() { return rejections; }

    /** True while the latest R12 verdict is a violation (R18). */
    boolean quarantined() { return quarantined; }

    /** The first applied cancelling version, or null. */
    CommerceVersion cancellation() {
        for (CommerceVersion v : applied) {
            if (v.status() == CommerceStatus.CANCELLED) return v;
        }
        return null;
    }

    /** The state in force at an instant: the latest version with updated_at strictly before it, or null. */
    CommerceVersion stateAt(Instant t) {
        CommerceVersion found = null;
        for (CommerceVersion v : applied) {
            if (v.updatedAt().isBefore(t)) found = v;
            else break;
        }
        return found;
    }

    /** The state at the end of a day; when the feed only starts later, its earliest version. */
    CommerceVersion stateAtEndOf(LocalDate d) {
        CommerceVersion v = stateAt(Instants.endOf(d));
        return v != null ? v : established();
    }

    /** The state at the start of a day; when the feed only starts later, its earliest version. */
    CommerceVersion stateAtStartOf(LocalDate d) {
        CommerceVersion v = stateAt(Instants.startOf(d));
        return v != null ? v : established();
    }

    /** The applied version just before the given one (which must be applied and not the first). */
    CommerceVersion previous(CommerceVersion v) {
        int i = applied.indexOf(v);
        return applied.get(i - 1);
    }
}
