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
        if (Duration.between(since, now).compareTo(holdFor) >= 0) {
            firing.add(target);
            return State.FIRING;
        }
        return State.PENDING;
    }

    /** The error ratio over the window, from the counters' growth between its oldest and newest scrape. */
    private boolean holds(List<Scrape> scrapes) {
        if (scrapes.size() < 2) {
            return false;
        }
        Scrape newest = scrapes.get(scrapes.size() - 1);
        Scrape oldest = scrapes.stream()
                .filter(s -> !s.at().isBefore(newest.at().minus(window)))
                .findFirst()
                .orElse(newest);
        double requests = newest.requests() - oldest.requests();
        double errors = newest.errors() - oldest.errors();
        return requests > 0 && errors / requests > threshold;
    }
}
