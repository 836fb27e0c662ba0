package dev.snapshots.domain;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the password hashing one server does at once. A hash keeps a core busy on purpose (about a
 * tenth of a second at the site's cost), so a burst of sign-ups and logins beyond the cores only
 * queues: every request in the queue gets slower, until they all run into the load balancer's
 * time-out and nobody logs in. Instead, a hash beyond the limit waits briefly for a turn, first come
 * first served, and then gives up with {@link HashingBusyException}: a fast 503 the client can retry.
 */
public final class HashingLimiter {

    /** How long a hash may wait for a turn: a few hashes' time, far below the balancer's time-out. */
    public static final Duration WAIT = Duration.ofMillis(500);

    private final int limit;
    private final long waitNanos;
    private final Semaphore turns;

    /** At most {@code limit} hashes at once; beyond that, wait up to {@code wait} for a turn. */
    public HashingLimiter(int limit, Duration wait) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.waitNanos = wait.toNanos();
        this.turns = new Semaphore(limit, true);
    }

    /** The site's limit: one hash per core, as more at once would not finish any sooner. */
    public static HashingLimiter perCore() {
        return new HashingLimiter(Runtime.getRuntime().availableProcessors(), WAIT);
    }

    public int limit() {
        return limit;
    }

    /**
     * Runs {@code hashing} once a turn is free and returns its result; the turn is given back however
     * it ends.
     *
     * @throws HashingBusyException when no turn came free within the wait
     */
    public <T> T run(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new HashingBusyException(limit);
        }
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }
}
