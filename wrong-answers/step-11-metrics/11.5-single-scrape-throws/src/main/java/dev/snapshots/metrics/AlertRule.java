package dev.snapshots.metrics;

import java.util.List;

public final class AlertRule {

    private boolean holds(List<Scrape> scrapes) {
        // Wrong: no guard for a target with one scrape (or none) yet.
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
