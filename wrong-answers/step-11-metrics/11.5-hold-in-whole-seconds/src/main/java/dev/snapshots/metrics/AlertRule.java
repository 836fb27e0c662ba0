package dev.snapshots.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class AlertRule {

    public State evaluate(String target, List<Scrape> scrapes, Instant now) {
        if (!holds(scrapes)) {
            activeSince.remove(target);
            firing.remove(target);
            return State.INACTIVE;
        }
        Instant since = activeSince.computeIfAbsent(target, t -> now);
        // Wrong: the hold compared in whole seconds.
        if (Duration.between(since, now).toSeconds() >= holdFor.toSeconds()) {
            firing.add(target);
            return State.FIRING;
        }
        return State.PENDING;
    }
}
