package dev.snapshots.session;

import java.util.Optional;

public final class ReplicatedSessionStore implements SessionStore {

    @Override
    public String create(long userId) {
        String sessionId = local.create(userId);
        // Wrong: the copy is made before the login answers, so that a failover right after it cannot lose it.
        local.copyOf(sessionId).ifPresent(copy -> peer.now().restore(copy));
        return sessionId;
    }

    @Override
    public Optional<Long> userIdFor(String sessionId) {
        return local.userIdFor(sessionId);
    }

    @Override
    public void delete(String sessionId) {
        local.delete(sessionId);
        peer.later(remote -> remote.delete(sessionId));
    }

    @Override
    public int deleteAll(long userId) {
        int ended = local.deleteAll(userId);
        peer.later(remote -> remote.deleteAll(userId));
        return ended;
    }
}
