package dev.snapshots.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server's life as its probes see it: which build it runs, since when, whether it is warmed
 * up, draining or marked sick, how many requests it is answering, and what it depends on. The web
 * server keeps it up to date; {@link HealthProbes} reads it. Provided code.
 */
public final class Lifecycle {

    /** How long a graceful shutdown waits for the balancer to notice, and at most for requests to finish. */
    public record Shutdown(Duration notice, Duration drainLimit) {

        /** For a server outside a topology that deploys: a quarter of a second's notice, 5 s to drain. */
        public static Shutdown defaults() {
            return new Shutdown(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
    }

    private final Build build;
    private final List<Dependency> dependencies;
    private final Shutdown shutdown;
    private volatile long startedAt;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean sick = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Lifecycle(Build build, List<Dependency> dependencies, Shutdown shutdown) {
        this.build = build;
        this.dependencies = List.copyOf(dependencies);
        this.shutdown = shutdown;
        this.startedAt = System.nanoTime();
    }

    /** A server that depends on nothing it checks: for tests and servers made by hand. */
    public static Lifecycle of(Build build) {
        return new Lifecycle(build, List.of(), Shutdown.defaults());
    }

    public Build build() {
        return build;
    }

    /** Called when the server starts listening: its warm-up starts now. */
    void started() {
        startedAt = System.nanoTime();
    }

    /** True once the build's warm-up time has passed since the server started. */
    public boolean warmedUp() {
        return System.nanoTime() - startedAt >= build.warmUp().toNanos();
    }

    /** True once a shutdown has begun: the server still answers, but wants no new requests. */
    public boolean draining() {
        return draining.get();
    }

    void beginDrain() {
        draining.set(true);
    }

    /** True when an operator (or a test) marked the server sick: {@link WebServer#setHealthy}(false). */
    public boolean markedSick() {
        return sick.get();
    }

    void markSick(boolean isSick) {
        sick.set(isSick);
    }

    /** What the server talks to, each with a quick check. */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    public Shutdown shutdown() {
        return shutdown;
    }

    int inFlight() {
        return inFlight.get();
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }
}
