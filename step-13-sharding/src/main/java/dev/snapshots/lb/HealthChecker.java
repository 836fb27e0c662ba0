package dev.snapshots.lb;

import dev.snapshots.background.BackgroundTask;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Active health checks: every interval, ask each backend's readiness probe, {@code /health/ready}
 * (since step 12; {@code /health} before). A backend that fails
 * {@code fall} checks in a row is taken out of rotation; one that is out and passes {@code rise}
 * checks in a row is put back. Thresholds keep one slow answer from flapping a server in and out
 * (HAProxy calls them exactly that: {@code fall} and {@code rise}).
 */
public final class HealthChecker implements AutoCloseable {

    private final BackendPool pool;
    private final HttpClient http;
    private final int fall;
    private final int rise;
    /** Per backend name: positive = successes in a row, negative = failures in a row. */
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

    /** Its rounds: {@link #checkAll}, every interval. */
    private final BackgroundTask rounds = new BackgroundTask("health-checks", this::checkAll);

    public HealthChecker(BackendPool pool, HttpClient http, int fall, int rise) {
        this.pool = pool;
        this.http = http;
        this.fall = fall;
        this.rise = rise;
    }

    /** Checks every backend now and then every {@code interval}, until closed. */
    public HealthChecker start(Duration interval) {
        rounds.start(interval);
        return this;
    }

    /** The stub the checks ran into in the background, if an exercise they need is not done yet. */
    public Optional<UnsupportedOperationException> unfinished() {
        return rounds.unfinished();
    }

    /** One round of checks over every backend, up or down. */
    public void checkAll() {
        for (Backend backend : pool.all()) {
            record(backend, probe(backend));
        }
    }

    /** True when the backend's readiness probe answers 200 quickly. */
    boolean probe(Backend backend) {
        HttpRequest request = HttpRequest.newBuilder(backend.uri("/health/ready"))
                .timeout(Duration.ofMillis(500))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Takes in the result of one check of {@code backend}. After {@code fall} failures in a row, an
     * up backend is marked down ({@link BackendPool#markDown}); after {@code rise} successes in a
     * row, a down backend is marked up. A result of the other kind starts the count again.
     */
    public void record(Backend backend, boolean healthy) {
        int streak = streaks.merge(
                backend.name(), healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        if (!healthy && -streak >= fall && pool.isUp(backend.name())) {
            pool.markDown(backend);
        } else if (healthy && streak >= rise && !pool.isUp(backend.name())) {
            pool.markUp(backend);
        }
    }

    @Override
    public void close() {
        rounds.close();
    }
}
