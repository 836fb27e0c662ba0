package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    <T> T safely(Supplier<T> cacheCall, T fallback) {
        try {
            return cacheCall.get();
        } catch (RuntimeException anything) {
            // Wrong: every failure is taken for "the cache is down", bugs in this class included.
            return fallback;
        }
    }
}
