package dev.snapshots.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exercise 8.2: the DNS tier's health checks of the data centres. Every interval, each centre's
 * balancer is probed from outside, as a client would reach it; a centre that fails {@code fall}
 * probes in a row stops being answered, and one that then passes {@code rise} in a row is answered
 * again. The provided {@link CentreChecks} calls {@link #probe} and {@link #record} on a schedule.
 */
public final class CentreHealth {

    /** A probe that has no answer after this long has failed: a silent centre is a dead one. */
    public static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);

    private final HttpClient http;
    /** How long one probe waits for its answer: {@link #PROBE_TIMEOUT} unless the constructor names another. */
    private final Duration probeTimeout;

    private final int fall;
    private final int rise;
    /** Per centre: successes in a row (positive) or failures in a row (negative). */
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();
    /** The centres that are down; every centre starts up. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    /** The DNS tier's health checks: each probe waits {@link #PROBE_TIMEOUT} for its answer. */
    public CentreHealth(HttpClient http, int fall, int rise) {
        this(http, fall, rise, PROBE_TIMEOUT);
    }

    /**
     * The same with another deadline per probe: the tests give a probe of a healthy balancer room
     * for a slow machine, and keep {@link #PROBE_TIMEOUT} for the probe of a silent one.
     */
    public CentreHealth(HttpClient http, int fall, int rise, Duration probeTimeout) {
        this.http = http;
        this.probeTimeout = probeTimeout;
        this.fall = fall;
        this.rise = rise;
    }

    /**
     * One probe of the balancer at {@code balancer}: true only for a {@code 200} from
     * {@code GET /health} within {@code probeTimeout} ({@link #PROBE_TIMEOUT} unless the constructor
     * names another). False, never an exception, for anything else.
     */
    public boolean probe(InetSocketAddress balancer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.getPort() + "/health"))
                .timeout(probeTimeout)
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // refused, reset or timed out: all the same to a client
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Takes in one probe's result for {@code centre}: {@code fall} failures in a row take an up
     * centre down, {@code rise} successes in a row bring a down centre back.
     */
    public void record(String centre, boolean healthy) {
        // One thread probes, but merge keeps each update whole anyway.
        int streak =
                streaks.merge(centre, healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        if (!healthy && -streak >= fall) {
            down.add(centre);
        } else if (healthy && streak >= rise) {
            down.remove(centre);
        }
    }

    /** True while {@code centre} is answered. */
    public boolean isUp(String centre) {
        return !down.contains(centre);
    }
}
