package dev.snapshots;

import dev.snapshots.data.DbNode;
import dev.snapshots.data.PeerApplier;
import dev.snapshots.session.PeerSessions;
import dev.snapshots.session.RedisSessionStore;
import java.time.Duration;
import java.util.Optional;

/**
 * A topology as one of two data centres (step 08): its name, and its link to the other centre across
 * the ocean. Until {@link Topology#linkPeer} says where the other centre is, nothing crosses; from
 * then on this centre's primary applies the other's log (exercise 8.4), and each change to a session
 * here is copied to the other centre's session tier (exercise 8.5).
 */
public final class DataCentre implements AutoCloseable {

    private final String name;
    private final PeerSessions peerSessions = new PeerSessions();
    private volatile PeerApplier peerApplier;

    DataCentre(String name) {
        this.name = name;
    }

    /**
     * Links this centre to {@code peerCentre}: {@code primary} applies the log of {@code peerPrimary}
     * every {@code applyEvery}, and session changes go to {@code peerSessionStore} (null: this centre
     * keeps no session tier of its own, so there is nothing to copy).
     */
    void link(
            DbNode primary,
            String peerCentre,
            DbNode peerPrimary,
            RedisSessionStore peerSessionStore,
            Duration applyEvery) {
        if (peerApplier != null) {
            // A second applier would run beside the first, and only the last one would be stopped.
            throw new IllegalStateException(name + " is already linked to another centre");
        }
        peerApplier = new PeerApplier(primary, peerPrimary, peerCentre).start(applyEvery);
        if (peerSessionStore != null) {
            peerSessions.link(peerSessionStore);
        }
    }

    /** This centre's name. */
    public String name() {
        return name;
    }

    /** The applier of the other centre's log; null before the centres are linked. */
    public PeerApplier peerApplier() {
        return peerApplier;
    }

    /** The other centre's session tier as this one reaches it. */
    public PeerSessions peerSessions() {
        return peerSessions;
    }

    /** The stub the applier ran into, if exercise 8.4 is not done yet. */
    Optional<UnsupportedOperationException> unfinished() {
        PeerApplier applier = peerApplier;
        return applier == null ? Optional.empty() : applier.unfinished();
    }

    @Override
    public void close() {
        PeerApplier applier = peerApplier;
        if (applier != null) {
            applier.close();
        }
        peerSessions.close();
    }
}
