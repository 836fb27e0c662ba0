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
        String sessionId = local.create(userId);
        // Copied now (this centre's read), sent later: the login does not wait for the ocean.
        local.copyOf(sessionId).ifPresent(copy -> peer.later(remote -> remote.restore(copy)));
        return sessionId;
    }

    /** Who this session is, from this centre's tier alone: a read never crosses the ocean. */
    @Override
    public Optional<Long> userIdFor(String sessionId) {
        return local.userIdFor(sessionId);
    }

    /** Log out here, and there too (later). */
    @Override
    public void delete(String sessionId) {
        local.delete(sessionId);
        peer.later(remote -> remote.delete(sessionId));
    }

    /** Log out everywhere: here, and there too (later). */
    @Override
    public int deleteAll(long userId) {
        int ended = local.deleteAll(userId);
        peer.later(remote -> remote.deleteAll(userId));
        return ended;
    }
}
