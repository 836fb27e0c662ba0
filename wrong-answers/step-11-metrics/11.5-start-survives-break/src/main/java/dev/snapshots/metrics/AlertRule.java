package dev.snapshots.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class AlertRule {

    public State evaluate(String target, List<Scrape> scrapes, Instant now) {
        if (!holds(scrapes)) {
            // Wrong: the firing stops, but the start of the wait is kept.
            firing.remove(target);
            return State.INACTIVE;
        }
        Instant since = activeSince.computeIfAbsent(target, t -> now);
        if (Duration.between(since, now).compareTo(holdFor) >= 0) {
            firing.add(target);
            return State.FIRING;
        }
        return State.PENDING;
    }
}
