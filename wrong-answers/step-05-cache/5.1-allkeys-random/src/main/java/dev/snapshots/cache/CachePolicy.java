package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Wrong: any key may go, so evicting at random looks just as good, and cheaper.
        return List.of("maxmemory 32mb", "maxmemory-policy allkeys-random");
    }
}
