package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

@Tag("5.3")
@DisplayName("5.3 After a write, nobody reads the old value from the cache")
class CacheWriteTest {

    @Test
    void after_a_rename_every_reader_through_any_web_server_sees_the_new_name_at_once() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .cache(Duration.ofSeconds(60))
                .start()) {
            SiteClient ada = new SiteClient(dns);
            var created = Nodes.signUp(ada, "ada@example.com");
            String user = "http://snapshots.test" + created.header("Location");
            topology.data().awaitReplication();
            for (int i = 0; i < 3; i++) {
                new SiteClient(dns).get(user); // now cached
            }
            var login = ada.postJson(
                    "http://snapshots.test/api/login",
                    "{\"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
            assertThat(login.status()).as("set-up: %s", login).isEqualTo(200);

            var renamed = ada.send(
                    HttpRequest.newBuilder(ada.resolve("http://snapshots.test/api/me"))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Countess Lovelace\"}")),
                    "PUT /api/me");
            assertThat(renamed.status()).as("5.3: %s", renamed).isEqualTo(200);
            try (Jedis redis = roomyClient(topology.cacheServer())) {
                long id = renamed.json().path("id").asLong();
                long ttl = redis.ttl("user:" + id);
                assertThat(ttl)
                        .as(
                                "5.3: TTL of user:%d in Redis right after the rename, in seconds (-1: none: a"
                                        + " copy written without its TTL lives until evicted; -2: no copy)",
                                id)
                        .isBetween(1L, 60L);
            }

            for (int i = 0; i < 9; i++) {
                var read = new SiteClient(dns).get(user);
                assertThat(read.json().path("name").asText())
                        .as(
                                "5.3: read %d right after the rename, by another client (served by %s)",
                                i, read.header("X-Served-By"))
                        .isEqualTo("Countess Lovelace");
            }
        }
    }

    /**
     * The test's own connection to a Redis server, with time-outs for a slow machine: the web tier's
     * short ones (exercise 5.4's subject) are the system's promise, not what this test proves.
     */
    private static Jedis roomyClient(RedisServer server) {
        return new Jedis(
                new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder()
                        .password(server.password())
                        .connectionTimeoutMillis(10_000)
                        .socketTimeoutMillis(10_000)
                        .build());
    }
}
