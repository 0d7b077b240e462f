package com.marketplacebilling.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins in a row, a name is locked for
 * {@link #LOCK}, whatever the password (a correct one included); a successful login resets it. Kept in memory:
 * a restart forgets it, which costs a guesser a restart per five tries.
 */
public class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) { this.clock = clock; }

    public boolean locked(String name) {
        Failures f = failures.get(name);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    public void failed(String name) {
        if (failures.size() >= MAX_TRACKED) failures.clear(); // names never seen are keys too: bound the memory
        failures.compute(name, (k, f) -> {
            int n = (f == null || (f.lockedUntil() != null && !clock.instant().isBefore(f.lockedUntil())) ? 0 : f.count()) + 1;
            return new Failures(n, n >= MAX_FAILURES ? clock.instant().plus(LOCK) : null);
        });
    }

    public void succeeded(String name) { failures.remove(name); }
}
