package dev.snapshots.session;

import java.util.Optional;

public final class ReplicatedSessionStore implements SessionStore {

    @Override
    public String create(long userId) {
        String sessionId = local.create(userId);
        local.copyOf(sessionId).ifPresent(copy -> peer.later(remote -> remote.restore(copy)));
        return sessionId;
    }

    @Override
    public Optional<Long> userIdFor(String sessionId) {
        return local.userIdFor(sessionId);
    }

    @Override
    public void delete(String sessionId) {
        // Wrong: the copy there has its own idle timeout; it will go by itself.
        local.delete(sessionId);
    }

    @Override
    public int deleteAll(long userId) {
        int ended = local.deleteAll(userId);
        peer.later(remote -> remote.deleteAll(userId));
        return ended;
    }
}
