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
        // Wrong: a session unknown here may not have crossed yet: ask the other centre too.
        Optional<Long> here = local.userIdFor(sessionId);
        if (here.isPresent()) {
            return here;
        }
        try {
            return peer.now().userIdFor(sessionId);
        } catch (SessionTierUnavailableException e) {
            return Optional.empty();
        }
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
