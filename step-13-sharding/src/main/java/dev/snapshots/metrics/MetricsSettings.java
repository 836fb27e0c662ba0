package dev.snapshots.metrics;

import java.time.Duration;

/**
 * How the scraper works: how often it scrapes each target, how many scrapes of each it keeps, and
 * its one alert rule (error ratio above {@code threshold} over {@code window}, for {@code holdFor}).
 */
public record MetricsSettings(Duration scrapeInterval, int keep, double threshold, Duration holdFor, Duration window) {

    /** A scrape a second, the last two minutes kept; 5% of errors over 30 s, for 30 s. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(Duration.ofSeconds(1), 120, 0.05, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** The same on a shorter time scale: tests cannot wait minutes for an alert. */
    public MetricsSettings fast(Duration scrapeInterval, Duration holdFor, Duration window) {
        return new MetricsSettings(scrapeInterval, keep, threshold, holdFor, window);
    }
}
