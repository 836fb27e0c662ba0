package dev.snapshots.session;

import dev.snapshots.logging.LogContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other data centre's session tier, across the ocean (step 08). Provided plumbing: {@link #now}
 * is that centre's store itself (every call crosses the ocean and back, and waits for it);
 * {@link #later} queues a call to it on a thread of its own and returns at once. A call that fails
 * (the ocean or that centre is down), or finds the queue full, is dropped and counted.
 */
public final class PeerSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSessions.class);

    /** Calls waiting to cross; past this many, new ones are dropped. */
    static final int QUEUE = 10_000;

    private volatile RedisSessionStore peer;
    private final ThreadPoolExecutor ocean =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread thread = new Thread(r, "peer-sessions");
                thread.setDaemon(true);
                return thread;
            });
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** Not linked yet: until {@link #link}, every call is dropped. */
    public PeerSessions() {}

    /** From now on, calls go to {@code peer}, the other centre's session store. */
    public void link(RedisSessionStore peer) {
        this.peer = peer;
    }

    /**
     * The other centre's store, to call and wait for: every call crosses the ocean and back (and
     * throws {@link SessionTierUnavailableException} when it cannot).
     */
    public RedisSessionStore now() {
        RedisSessionStore linked = peer;
        if (linked == null) {
            throw new SessionTierUnavailableException("no other centre is linked", null);
        }
        return linked;
    }

    /** Queues {@code call} to the other centre's store and returns at once; it is made in order, later. */
    public void later(Consumer<RedisSessionStore> call) {
        try {
            // The copy's lines belong to the request that made it, on whichever thread they are written (10.2).
            ocean.execute(LogContext.carry(() -> {
                RedisSessionStore linked = peer;
                if (linked == null) {
                    dropped.increment();
                    return;
                }
                try {
                    call.accept(linked);
                    sent.increment();
                } catch (RuntimeException e) {
                    dropped.increment(); // that centre or the ocean is down: this copy is lost
                    LOG.warn("a session change was not copied to the other centre: {}", e.toString());
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException full) {
            dropped.increment();
        }
    }

    /** Calls made on the other centre's store so far. */
    public long sent() {
        return sent.sum();
    }

    /** Calls dropped so far (other centre down, or too many waiting). */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        ocean.shutdownNow();
        try {
            ocean.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
