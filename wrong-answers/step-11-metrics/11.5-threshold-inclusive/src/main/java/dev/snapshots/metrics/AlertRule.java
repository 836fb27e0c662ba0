package dev.snapshots.metrics;

import java.util.List;

public final class AlertRule {

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
        // Wrong: "at or above" the threshold.
        return requests > 0 && errors / requests >= threshold;
    }
}
