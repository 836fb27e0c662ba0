package dev.snapshots.session;

import java.util.Optional;

/**
 * Exercise 8.5: sessions that survive a centre failover. Sessions live on this centre's session
 * tier, as in step 07; every change is also copied to the other centre's, asynchronously
 * ({@link PeerSessions#later}), so that a user whom DNS sends over after a failover is still logged
 * in there, and a user who logged out is logged out there too. A login never waits for the ocean.
 */
public final class ReplicatedSessionStore implements SessionStore {

    private final RedisSessionStore local;
    private final PeerSessions peer;

    public ReplicatedSessionStore(RedisSessionStore local, PeerSessions peer) {
        this.local = local;
        this.peer = peer;
    }

    /** A new session here, then a copy of it ({@link RedisSessionStore#copyOf}) for the other centre. */
    @Override
    public String create(long userId) {
        // TODO 8.5: create it locally, then send a copy to the other centre without waiting for it.
        throw new UnsupportedOperationException(
                "TODO 8.5: copy a new session to the other centre (ReplicatedSessionStore.create)");
    }

    /** Who this session is, from this centre's tier alone: a read never crosses the ocean. */
    @Override
    public Optional<Long> userIdFor(String sessionId) {
        // TODO 8.5: answer from the local store.
        throw new UnsupportedOperationException("TODO 8.5: read a session here (ReplicatedSessionStore.userIdFor)");
    }

    /** Log out here, and there too (later). */
    @Override
    public void delete(String sessionId) {
        // TODO 8.5: end it locally, and send the same to the other centre.
        throw new UnsupportedOperationException("TODO 8.5: log out in both centres (ReplicatedSessionStore.delete)");
    }

    /** Log out everywhere: here, and there too (later). */
    @Override
    public int deleteAll(long userId) {
        // TODO 8.5: end them all locally, and send the same to the other centre.
        throw new UnsupportedOperationException(
                "TODO 8.5: log out everywhere in both centres (ReplicatedSessionStore.deleteAll)");
    }
}
