package dev.snapshots;

import dev.snapshots.background.BackgroundWork;
import dev.snapshots.data.DataTier;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.PeerApplier;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.session.PeerSessions;
import dev.snapshots.session.ReplicatedSessionStore;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import java.time.Duration;
import java.util.Optional;

/**
 * A topology as one of two data centres (step 08): its name, and its link to the other centre across
 * the ocean. Until {@link #linkPeer} says where the other centre is, nothing crosses; from then on
 * this centre's primary applies the other's log (exercise 8.4), and each change to a session here is
 * copied to the other centre's session tier (exercise 8.5).
 */
public final class DataCentre implements AutoCloseable, BackgroundWork {

    private final String name;
    private final DataTier data;
    /** This centre's session tier; null when the builder was given sessions of its own. */
    private final SessionStorage sessionTier;

    private final PeerSessions peerSessions = new PeerSessions();
    private volatile PeerApplier peerApplier;

    private DataCentre(String name, DataTier data, SessionStorage sessionTier) {
        this.name = name;
        this.data = data;
        this.sessionTier = sessionTier;
    }

    /**
     * Makes {@code data} the data tier of the centre {@code name}, the {@code index}-th from 0: its
     * users get ids from a range of their own, its changes are marked as this centre's.
     */
    static DataCentre join(String name, int index, DataTier data, SessionStorage sessionTier) {
        data.cluster().joinCentre(name, index);
        return new DataCentre(name, data, sessionTier);
    }

    /**
     * The sessions every web server of this centre shares: each change is also copied to the other
     * centre's session tier, once linked (exercise 8.5).
     */
    SessionStore sharedSessions() {
        return new ReplicatedSessionStore(sessionTier.store(), peerSessions);
    }

    /**
     * Links this centre to the other one, across the ocean: from now on this centre's primary
     * applies the log of {@code peerPrimary} every {@code applyEvery} (exercise 8.4), and its
     * sessions are copied to the session tier at {@code peerSessionTier} (exercise 8.5). Both
     * addresses are the far ends of slow links.
     */
    public void linkPeer(String peerCentre, DbNode peerPrimary, RedisConfig peerSessionTier, Duration applyEvery) {
        if (peerApplier != null) {
            // A second applier would run beside the first, and only the last one would be stopped.
            throw new IllegalStateException(name + " is already linked to another centre");
        }
        peerApplier = new PeerApplier(data.cluster().primary(), peerPrimary, peerCentre).start(applyEvery);
        // Without a session tier of its own (sessions given to the builder) there is nothing to copy.
        if (sessionTier != null) {
            peerSessions.link(sessionTier.peer(peerSessionTier));
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
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
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
