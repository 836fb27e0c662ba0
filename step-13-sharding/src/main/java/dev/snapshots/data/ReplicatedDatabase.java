package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;
import dev.snapshots.domain.ReadYourWrites;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web tier's way to the replicated data tier. Writes go to the primary, together with their
 * replication log entry; reads go to the replicas, so that adding replicas adds read capacity.
 */
public final class ReplicatedDatabase {

    /** When a write is acknowledged to the client. */
    public enum Acknowledgement {
        /** As soon as the primary has committed it: fast, but a failover may lose it. */
        ASYNC,
        /** Once at least one replica has applied it too: slower, but a failover to that replica keeps it. */
        SEMI_SYNC
    }

    /** How long a semi-synchronous write waits for a replica before it gives up, unless told otherwise. */
    public static final Duration SEMI_SYNC_TIMEOUT = Duration.ofSeconds(2);
    /** How long a read waits for a replica to catch up with the client's own writes. */
    public static final Duration FRESHNESS_WAIT = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedDatabase.class);

    private final ReplicationCluster cluster;
    private final Acknowledgement acknowledgement;
    private final Duration semiSyncTimeout;
    /** The newest log position known to exist on the primary: no client can have seen past it. */
    private final AtomicLong newestKnown = new AtomicLong();
    /** Round robin over the replicas; atomic, because many request threads read at once. */
    private final AtomicLong turns = new AtomicLong();
    /** Told the role ({@code primary} or {@code replica}) and the time of every call made (step 11). */
    private volatile QueryListener listener = (role, nanos) -> {};

    /** What a web server learns of each call to the data tier: where it went, and how long it took. */
    @FunctionalInterface
    public interface QueryListener {
        void called(String role, long nanos);
    }

    public ReplicatedDatabase(ReplicationCluster cluster, Acknowledgement acknowledgement) {
        this(cluster, acknowledgement, SEMI_SYNC_TIMEOUT);
    }

    /** With another semi-sync timeout: MySQL's {@code rpl_semi_sync_master_timeout}. */
    public ReplicatedDatabase(ReplicationCluster cluster, Acknowledgement acknowledgement, Duration semiSyncTimeout) {
        this.cluster = cluster;
        this.acknowledgement = acknowledgement;
        this.semiSyncTimeout = semiSyncTimeout;
    }

    /** The primary, for what must run there (the schema). */
    public Database primary() {
        return cluster.primary().admin();
    }

    /**
     * Runs {@code callback} on the primary in one transaction, then acknowledges it as configured.
     * The callback must log its change with {@link ReplicationLog#append}.
     */
    public <T> T write(HandleCallback<T, RuntimeException> callback) {
        DbNode primary = cluster.primary();
        long[] position = new long[1];
        long started = System.nanoTime();
        T result = primary.admin().transaction(handle -> {
            T value = callback.withHandle(handle);
            position[0] = ReplicationLog.position(handle);
            return value;
        });
        listener.called("primary", System.nanoTime() - started);
        if (acknowledgement == Acknowledgement.SEMI_SYNC && !cluster.replicas().isEmpty()) {
            awaitReplica(position[0]);
            // Positions restart from the promoted replica's after a failover, so "a replica reached
            // this position" proves nothing once the primary has changed: do not acknowledge then.
            if (cluster.primary() != primary) {
                throw new DataTierUnavailableException("a failover happened before the write was confirmed", null);
            }
        }
        newestKnown.accumulateAndGet(position[0], Math::max);
        ReadYourWrites.wrote(position[0]);
        return result;
    }

    /** Runs {@code callback} where reads go; a replica that fails is marked down and another one tried. */
    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        if (cluster.replicas().isEmpty()) {
            return timed("primary", () -> cluster.primary().reader().call(callback));
        }
        long needed = ReadYourWrites.required();
        if (needed > 0 && !exists(needed)) {
            // The cookie is the client's to forge: a position nobody wrote would make every read
            // wait, then go to the primary. Ignore it; the client has seen nothing we must wait for.
            LOG.warn("ignoring a read-your-writes position ahead of the primary: {}", needed);
            needed = 0;
        }
        DataTierUnavailableException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            DbNode node = pickReadNode();
            if (needed > 0 && node != cluster.primary()) {
                node = freshEnough(node, needed);
            }
            try {
                DbNode chosen = node;
                return timed(
                        node == cluster.primary() ? "primary" : "replica",
                        () -> chosen.reader().call(callback));
            } catch (DataTierUnavailableException e) {
                if (node == cluster.primary()) {
                    throw e;
                }
                cluster.markDown(node);
                last = e;
            }
        }
        throw last;
    }

    /** From now on, tells {@code listener} of every call this database makes (step 11: a per-role timer). */
    public ReplicatedDatabase onQuery(QueryListener listener) {
        this.listener = listener;
        return this;
    }

    private <T> T timed(String role, java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        listener.called(role, System.nanoTime() - started);
        return result;
    }

    /** True if the primary's log has reached {@code position}; asks the primary only past what is known. */
    private boolean exists(long position) {
        if (position <= newestKnown.get()) {
            return true;
        }
        try {
            return position <= newestKnown.accumulateAndGet(cluster.primary().position(), Math::max);
        } catch (RuntimeException primaryDown) {
            return true; // cannot tell: wait for a replica as usual
        }
    }

    /**
     * Where the next read goes: the live replicas in turn (round robin), never the primary while a
     * replica is live; the primary when no replica is.
     */
    DbNode pickReadNode() {
        List<DbNode> live = cluster.liveReplicas();
        if (live.isEmpty()) {
            return cluster.primary();
        }
        return live.get((int) Math.floorMod(turns.getAndIncrement(), (long) live.size()));
    }

    /**
     * Read-your-writes: {@code replica} if it has applied the log up to {@code position} (waiting for
     * it at most {@link #FRESHNESS_WAIT}), otherwise the primary, which always has.
     */
    DbNode freshEnough(DbNode replica, long position) {
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        do {
            if (positionOf(replica) >= position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < deadline);
        return cluster.primary();
    }

    /**
     * Semi-synchronous acknowledgement: returns once at least one replica has applied the log up to
     * {@code position}; after {@code semiSyncTimeout} without one, throws
     * {@link DataTierUnavailableException}: the write is then not acknowledged (the client gets a 503
     * and may retry), so nobody was promised something a failover could lose.
     */
    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) >= position) {
                    return;
                }
            }
        } while (pause() && System.nanoTime() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }

    /** A replica's position; one that does not answer counts as having nothing. */
    private static long positionOf(DbNode replica) {
        try {
            return replica.position();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
