package dev.snapshots.cache;

import java.util.List;

/**
 * How the cache tier treats its memory. A cache is smaller than the data behind it by design, so
 * when it is full something must go: Redis decides what by its {@code maxmemory-policy}.
 */
public final class CachePolicy {

    private CachePolicy() {}

    /**
     * The Redis settings of the cache tier, one {@code "name value"} each: a memory limit of 32 MB
     * ({@code maxmemory 32mb}) and, once it is reached, evicting the least recently used key among
     * all keys ({@code maxmemory-policy allkeys-lru}) so that new entries always fit.
     */
    public static List<String> redisSettings() {
        // Every key here is a copy of the database, so any of them may go: allkeys-, not volatile-.
        return List.of("maxmemory 32mb", "maxmemory-policy allkeys-lru");
    }
}
