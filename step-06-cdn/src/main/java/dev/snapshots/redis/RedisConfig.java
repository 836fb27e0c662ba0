package dev.snapshots.redis;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a Redis server is, from outside the code. For the cache tier: {@code SNAPSHOTS_CACHE_URL}
 * in the environment or {@code -Dsnapshots.cache.url} (which wins), as {@code redis://host:port},
 * and its password from {@code SNAPSHOTS_CACHE_PASSWORD} or {@code -Dsnapshots.cache.password}
 * (required: a Redis without one serves and stores anything for any local process). Set them to
 * point the same code at a real Redis server. Provided code.
 */
public record RedisConfig(String host, int port, String password) {

    public static final String URL_VARIABLE = "SNAPSHOTS_CACHE_URL";
    public static final String PASSWORD_VARIABLE = "SNAPSHOTS_CACHE_PASSWORD";

    /** This process's configuration; empty when none is given (the demo then starts its own Redis). */
    public static Optional<RedisConfig> fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    public static Optional<RedisConfig> from(Map<String, String> environment, Properties systemProperties) {
        String url = systemProperties.getProperty("snapshots.cache.url", environment.get(URL_VARIABLE));
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException(
                    URL_VARIABLE + "=" + url + " is not an address such as redis://127.0.0.1:6379");
        }
        String password = systemProperties.getProperty("snapshots.cache.password", environment.get(PASSWORD_VARIABLE));
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is set but " + PASSWORD_VARIABLE
                    + " is not: the cache tier needs its password (Redis requirepass)");
        }
        return Optional.of(new RedisConfig(uri.getHost(), uri.getPort(), password));
    }

    /** Never prints the password: a configuration ends up in logs and error messages. */
    @Override
    public String toString() {
        return "RedisConfig[host=" + host + ", port=" + port + ", password=***]";
    }
}
