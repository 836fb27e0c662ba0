package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.redis.RedisConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Not an exercise: the provided configuration of the cache tier's address. */
@DisplayName("The cache tier's address comes from configuration")
class CacheConfigTest {

    @Test
    void the_address_comes_from_SNAPSHOTS_CACHE_URL_and_a_system_property_wins() {
        Properties none = new Properties();
        Properties property = new Properties();
        property.setProperty("snapshots.cache.url", "redis://127.0.0.1:7000");

        Map<String, String> environment =
                Map.of("SNAPSHOTS_CACHE_URL", "redis://10.0.0.5:6379", "SNAPSHOTS_CACHE_PASSWORD", "pw");

        assertThat(RedisConfig.from(Map.of(), none)).isEmpty();
        assertThat(RedisConfig.from(environment, none)).contains(new RedisConfig("10.0.0.5", 6379, "pw"));
        assertThat(RedisConfig.from(environment, property)).contains(new RedisConfig("127.0.0.1", 7000, "pw"));
    }

    @Test
    void an_address_without_a_password_fails_at_once_and_a_config_never_prints_it() {
        assertThatThrownBy(() ->
                        RedisConfig.from(Map.of("SNAPSHOTS_CACHE_URL", "redis://127.0.0.1:6379"), new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_CACHE_PASSWORD");
        assertThat(new RedisConfig("127.0.0.1", 6379, "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void an_address_that_is_not_redis_host_port_fails_at_once() {
        assertThatThrownBy(() -> RedisConfig.from(
                        Map.of("SNAPSHOTS_CACHE_URL", "http://127.0.0.1:6379", "SNAPSHOTS_CACHE_PASSWORD", "pw"),
                        new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_CACHE_URL");
        assertThatThrownBy(() -> RedisConfig.from(
                        Map.of("SNAPSHOTS_CACHE_URL", "redis://127.0.0.1", "SNAPSHOTS_CACHE_PASSWORD", "pw"),
                        new Properties()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_session_tier_has_a_pair_of_its_own_and_never_takes_the_caches() {
        Map<String, String> environment = Map.of(
                "SNAPSHOTS_CACHE_URL", "redis://10.0.0.5:6379",
                "SNAPSHOTS_CACHE_PASSWORD", "cache-pw",
                "SNAPSHOTS_SESSIONS_URL", "redis://10.0.0.6:6380",
                "SNAPSHOTS_SESSIONS_PASSWORD", "sessions-pw");
        Properties property = new Properties();
        property.setProperty("snapshots.sessions.url", "redis://127.0.0.1:7001");

        assertThat(RedisConfig.from("sessions", environment, new Properties()))
                .contains(new RedisConfig("10.0.0.6", 6380, "sessions-pw"));
        assertThat(RedisConfig.from("sessions", environment, property))
                .contains(new RedisConfig("127.0.0.1", 7001, "sessions-pw"));
        assertThat(RedisConfig.from(
                        "sessions",
                        Map.of("SNAPSHOTS_CACHE_URL", "redis://10.0.0.5:6379", "SNAPSHOTS_CACHE_PASSWORD", "pw"),
                        new Properties()))
                .as("the session tier with only the cache's variables set")
                .isEmpty();
        assertThatThrownBy(() -> RedisConfig.from(
                        "sessions", Map.of("SNAPSHOTS_SESSIONS_URL", "redis://127.0.0.1:6379"), new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_SESSIONS_PASSWORD");
    }
}
