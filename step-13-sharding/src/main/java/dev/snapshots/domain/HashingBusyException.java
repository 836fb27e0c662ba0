package dev.snapshots.domain;

/**
 * This server is already hashing as many passwords as it has cores, and no hash finished within a
 * short wait: the web tier turns it into a 503 with {@code Retry-After}, answered at once instead of
 * after a long queue.
 */
public final class HashingBusyException extends RuntimeException {

    public HashingBusyException(int limit) {
        super("no hashing turn came free (at most " + limit + " hashes at once)");
    }
}
