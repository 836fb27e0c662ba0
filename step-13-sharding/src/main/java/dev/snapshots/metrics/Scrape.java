package dev.snapshots.metrics;

import java.time.Instant;

/**
 * What one scrape of one target said about its requests: when it was taken, and the target's
 * cumulative counts since it started (of every request it answered, and of those answered with a
 * 5xx), as its {@code http_server_requests_seconds_count} series add up.
 */
public record Scrape(Instant at, double requests, double errors) {}
