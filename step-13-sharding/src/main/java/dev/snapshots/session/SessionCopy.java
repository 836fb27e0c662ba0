package dev.snapshots.session;

/** One session as it travels to another centre's session tier: its id, its user, its absolute end. */
public record SessionCopy(String sessionId, long userId, long endsAtMillis) {}
