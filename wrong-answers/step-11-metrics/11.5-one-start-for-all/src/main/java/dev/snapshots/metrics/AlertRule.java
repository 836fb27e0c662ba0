package dev.snapshots.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class AlertRule {

    public State evaluate(String target, List<Scrape> scrapes, Instant now) {
        if (!holds(scrapes)) {
            // Wrong: one start shared by every target: any target's clean evaluation resets them all.
            since = null;
            firing.remove(target);
            return State.INACTIVE;
        }
        if (since == null) {
            since = now;
        }
        if (Duration.between(since, now).compareTo(holdFor) >= 0) {
            firing.add(target);
            return State.FIRING;
        }
        return State.PENDING;
    }

    private Instant since;
}
