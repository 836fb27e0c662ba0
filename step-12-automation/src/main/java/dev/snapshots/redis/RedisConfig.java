package dev.snapshots.redis;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a Redis tier is, from outside the code. For the cache tier: {@code SNAPSHOTS_CACHE_URL} in
 * the environment or {@code -Dsnapshots.cache.url} (which wins), as {@code redis://host:port}, and
 * its password from {@code SNAPSHOTS_CACHE_PASSWORD} or {@code -Dsnapshots.cache.password}
 * (required: a Redis without one serves and stores anything for any local process). Since step 07
 * the session tier has the same pair of its own, {@code SNAPSHOTS_SESSIONS_URL} and
 * {@code SNAPSHOTS_SESSIONS_PASSWORD} ({@link #from(String, Map, Properties)} with {@code
 * "sessions"}). Set them to point the same code at real Redis servers. Provided code.
 */
public record RedisConfig(String host, int port, String password) {

    public static final String URL_VARIABLE = "SNAPSHOTS_CACHE_URL";
    public static final String PASSWORD_VARIABLE = "SNAPSHOTS_CACHE_PASSWORD";

    /** This process's configuration; empty when none is given (the demo then starts its own Redis). */
    public static Optional<RedisConfig> fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    public static Optional<RedisConfig> from(Map<String, String> environment, Properties systemProperties) {
        return from("cache", environment, systemProperties);
    }

    /** This process's configuration of the Redis tier named {@code tier} ({@code "cache"}, {@code "sessions"}). */
    public static Optional<RedisConfig> fromEnvironment(String tier) {
        return from(tier, System.getenv(), System.getProperties());
    }

    /**
     * The configuration of the Redis tier named {@code tier}: {@code SNAPSHOTS_<TIER>_URL} and
     * {@code SNAPSHOTS_<TIER>_PASSWORD}, or {@code -Dsnapshots.<tier>.url} and
     * {@code -Dsnapshots.<tier>.password}; empty when no URL is given.
     */
    public static Optional<RedisConfig> from(
            String tier, Map<String, String> environment, Properties systemProperties) {
        String urlVariable = "SNAPSHOTS_" + tier.toUpperCase(Locale.ROOT) + "_URL";
        String passwordVariable = "SNAPSHOTS_" + tier.toUpperCase(Locale.ROOT) + "_PASSWORD";
        String url = systemProperties.getProperty("snapshots." + tier + ".url", environment.get(urlVariable));
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException(
                    urlVariable + "=" + url + " is not an address such as redis://127.0.0.1:6379");
        }
        String password =
                systemProperties.getProperty("snapshots." + tier + ".password", environment.get(passwordVariable));
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(urlVariable + " is set but " + passwordVariable + " is not: the " + tier
                    + " tier needs its password (Redis requirepass)");
        }
        return Optional.of(new RedisConfig(uri.getHost(), uri.getPort(), password));
    }

    /** Never prints the password: a configuration ends up in logs and error messages. */
    @Override
    public String toString() {
        return "RedisConfig[host=" + host + ", port=" + port + ", password=***]";
    }
}
