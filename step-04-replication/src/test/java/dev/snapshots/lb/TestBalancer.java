package dev.snapshots.lb;

import java.time.Duration;

/**
 * The load balancer with another time-out to its web servers than the site's, for a test outside
 * this package whose property is not that time-out (the balancer's own tests prove it).
 */
public final class TestBalancer {

    private TestBalancer() {}

    /** A balancer, not started yet, that gives a web server {@code backendTimeout} to answer. */
    public static LoadBalancer withBackendTimeout(Duration backendTimeout) {
        return new LoadBalancer(backendTimeout, new Forwarder());
    }
}
