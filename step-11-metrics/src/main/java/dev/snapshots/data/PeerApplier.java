package dev.snapshots.data;

import dev.snapshots.background.BackgroundTask;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Exercise 8.4: replication between data centres. Each centre's primary takes its own users'
 * writes; this applier, in one centre, keeps reading the other centre's log across the ocean and
 * applies that centre's changes here, asynchronously (MySQL's multi-source replication, or
 * PostgreSQL's logical replication with origins, between two primaries).
 *
 * <p>Both centres do this, each reading the other's log, and a change applied here goes into this
 * centre's own log (this centre's replicas must get it too). So a change comes back to the centre
 * where it began: {@link ReplicationLog.Entry#origin()} tells it to skip what it already has.
 */
public final class PeerApplier implements AutoCloseable {

    /** At most this many entries are fetched at a time. */
    static final int BATCH = 100;

    private final DbNode local;
    private final DbNode peer;
    private final String peerCentre;
    /** Its rounds: a batch from the peer, every interval. */
    private final BackgroundTask rounds;

    /**
     * Applies, on {@code local} (this centre's primary), the log of {@code peer} (the primary of the
     * centre {@code peerCentre}, across the ocean).
     */
    public PeerApplier(DbNode local, DbNode peer, String peerCentre) {
        this.local = local;
        this.peer = peer;
        this.peerCentre = peerCentre;
        // A round that fails (the ocean or a primary down) is tried again next time, from where this centre got to.
        this.rounds = new BackgroundTask("peer-applier-" + peerCentre, this::applyBatch);
    }

    /** Applies what there is now, then again every {@code interval}, until closed. */
    public PeerApplier start(Duration interval) {
        rounds.start(interval);
        return this;
    }

    /**
     * Fetches the peer's log entries after the position this centre has reached in it
     * ({@link ReplicationLog#peerPosition}), and takes each one in order, in a transaction of its own
     * on {@code local}: an entry that began in this very centre is only stepped over; any other is
     * applied and added to this centre's log with its origin kept ({@link ReplicationLog#appendFrom}).
     * Either way the position in the peer's log moves to it ({@link ReplicationLog#setPeerPosition})
     * in that same transaction, so that every entry is taken exactly once, even across a crash.
     *
     * @return how many entries were applied (not counting those stepped over)
     */
    public int applyBatch() {
        String here = local.admin().call(ReplicationLog::centre);
        long from = local.admin().call(handle -> ReplicationLog.peerPosition(handle, peerCentre));
        List<ReplicationLog.Entry> entries =
                peer.admin().call(handle -> ReplicationLog.entriesAfter(handle, from, BATCH));
        int applied = 0;
        for (ReplicationLog.Entry entry : entries) {
            boolean ours = entry.origin().equals(here);
            local.admin().transaction(handle -> {
                if (!ours) {
                    handle.createUpdate(entry.statement())
                            .bindMap(entry.params())
                            .execute();
                    // Into this centre's log too, marked with where it began: our replicas need it, the peer skips it.
                    ReplicationLog.appendFrom(handle, entry.origin(), entry.statement(), entry.params());
                }
                ReplicationLog.setPeerPosition(handle, peerCentre, entry.position());
                return null;
            });
            if (!ours) {
                applied++;
            }
        }
        return applied;
    }

    /** The stub this applier ran into in the background, if exercise 8.4 is not done yet. */
    public Optional<UnsupportedOperationException> unfinished() {
        return rounds.unfinished();
    }

    /** How far this centre has applied the peer's log, and how far the peer's log goes: their gap is the lag. */
    public List<Long> positions() {
        long applied = local.admin().call(handle -> ReplicationLog.peerPosition(handle, peerCentre));
        return List.of(applied, peer.position());
    }

    @Override
    public void close() {
        rounds.close();
        peer.close();
    }
}
