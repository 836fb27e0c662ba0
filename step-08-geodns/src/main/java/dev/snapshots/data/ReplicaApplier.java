package dev.snapshots.data;

import dev.snapshots.background.BackgroundTask;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one replica up to date: again and again, it fetches the log entries the replica has not
 * applied yet from its source (the primary) and applies them, in order. What a MySQL replica's SQL
 * thread or a PostgreSQL standby's startup process does.
 */
public final class ReplicaApplier implements AutoCloseable {

    /** At most this many entries are fetched at a time. */
    static final int BATCH = 100;

    private final DbNode replica;
    private volatile DbNode source;
    private volatile boolean paused;
    /** Its rounds: a batch applied, every interval. */
    private final BackgroundTask rounds;

    public ReplicaApplier(DbNode replica, DbNode source) {
        this.replica = replica;
        this.source = source;
        this.rounds = new BackgroundTask("applier-" + replica.name(), this::tick);
    }

    /** Applies what there is now, then again every {@code interval}, until closed. */
    public ReplicaApplier start(Duration interval) {
        rounds.start(interval);
        return this;
    }

    /** A round; one that fails (the source or the replica down) is tried again next time. */
    private void tick() {
        synchronized (this) {
            if (!paused) {
                applyBatch();
            }
        }
    }

    /**
     * Applies the entries that follow the replica's position, fetched from the source: each one in
     * its own transaction on the replica, together with moving the replica's position to it and
     * keeping a copy of the entry in the replica's own log. So an entry is applied exactly once and
     * in order, even if the applier (or the replica) stops half-way and starts again.
     *
     * @return how many entries were applied
     */
    public int applyBatch() {
        long applied = replica.position();
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied, BATCH));
        for (ReplicationLog.Entry entry : entries) {
            replica.admin().transaction(handle -> {
                // Moving the position and applying the change commit together, or not at all: exactly once.
                int moved = handle.createUpdate(
                                "UPDATE replication_state SET position = :p WHERE id = 1 AND position = :p - 1")
                        .bind("p", entry.position())
                        .execute();
                if (moved != 1) {
                    throw new IllegalStateException(
                            replica.name() + " cannot apply entry " + entry.position() + " out of order");
                }
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }

    /** Stops applying (replication lag, on purpose) until {@link #resume()}; a batch under way finishes first. */
    public void pause() {
        synchronized (this) {
            paused = true;
        }
    }

    public void resume() {
        paused = false;
    }

    /** Replicates from another node from now on (after a failover). */
    public void follow(DbNode newSource) {
        this.source = newSource;
    }

    /** The stub this applier ran into in the background, if an exercise it needs is not done yet. */
    public Optional<UnsupportedOperationException> unfinished() {
        return rounds.unfinished();
    }

    public DbNode replica() {
        return replica;
    }

    @Override
    public void close() {
        rounds.close();
    }
}
