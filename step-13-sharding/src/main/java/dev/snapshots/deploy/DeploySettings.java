package dev.snapshots.deploy;

import java.time.Duration;

/**
 * How deploys run: how the balancer checks readiness, how a server shuts down, how long a new server
 * has to get ready, and how it is judged once it serves. Provided code.
 *
 * @param checkEvery how often the balancer asks each server's readiness probe
 * @param fall failed checks in a row that take a server out of the pool
 * @param rise passed checks in a row that put it back
 * @param notice how long a stopping server keeps answering before it drains (the balancer notices meanwhile)
 * @param drainLimit the longest a stopping server waits for its requests in flight
 * @param readyDeadline how long a new server has to get ready before the rollout gives up on it
 * @param watchWindow how long a new server is watched at most before the rollout goes on
 * @param minRequests how many requests a new server must have answered before it is judged
 * @param maxErrorRatio the share of 5xx answers above which a new server is judged unhealthy
 */
public record DeploySettings(
        Duration checkEvery,
        int fall,
        int rise,
        Duration notice,
        Duration drainLimit,
        Duration readyDeadline,
        Duration watchWindow,
        long minRequests,
        double maxErrorRatio) {

    /** Roughly what a small production service would use. */
    public static DeploySettings defaults() {
        return new DeploySettings(
                Duration.ofMillis(500),
                2,
                2,
                Duration.ofMillis(1500),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                50,
                0.05);
    }

    /** The same ideas at test speed: checks every 25 ms, a second to get ready, 10 requests to judge. */
    public static DeploySettings fast() {
        return new DeploySettings(
                Duration.ofMillis(25),
                2,
                1,
                Duration.ofMillis(80),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                10,
                0.05);
    }

    /** The same, with another ready deadline. */
    public DeploySettings readyWithin(Duration deadline) {
        return new DeploySettings(
                checkEvery, fall, rise, notice, drainLimit, deadline, watchWindow, minRequests, maxErrorRatio);
    }
}
