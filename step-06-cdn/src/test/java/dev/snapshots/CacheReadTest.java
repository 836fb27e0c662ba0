package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

@DisplayName("Carried from step 05 · Reads come from the cache; after the TTL, from the database again")
class CacheReadTest {

    private static String signUp(DnsRegistry dns, Topology topology) {
        var created = Nodes.signUp(new SiteClient(dns), "cached@example.com");
        assertThat(created.status()).as("set-up: %s", created).isEqualTo(201);
        topology.data().awaitReplication();
        return "http://snapshots.test" + created.header("Location");
    }

    @Test
    void ten_reads_of_one_user_cost_one_database_query() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .cache(Duration.ofSeconds(60))
                .start()) {
            String user = signUp(dns, topology);
            long before = topology.data().reads();
            for (int i = 0; i < 10; i++) {
                var read = new SiteClient(dns).get(user);
                assertThat(read.status()).as("read %d: %s", i, read).isEqualTo(200);
                assertThat(read.json().path("email").asText()).as("%s", read).isEqualTo("cached@example.com");
            }

            assertThat(topology.data().reads() - before)
                    .as("database queries for 10 reads of one user, through 3 web servers")
                    .isEqualTo(1);
        }
    }

    @Test
    void the_cached_copy_has_a_time_to_live() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                        .webServers(1)
                        .loadBalancer()
                        .replicas(1)
                        .cache(Duration.ofSeconds(60))
                        .start();
                Jedis redis = roomyClient(topology.cacheServer())) {
            String user = signUp(dns, topology);
            var read = new SiteClient(dns).get(user);
            long id = read.json().path("id").asLong();

            long ttl = redis.ttl("user:" + id);
            assertThat(ttl)
                    .as("TTL of user:%d in Redis, in seconds (-1: none, -2: no such key)", id)
                    .isBetween(1L, 60L);
        }
    }

    @Test
    void after_the_TTL_the_next_read_reaches_the_database_again() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(1)
                .loadBalancer()
                .replicas(1)
                .cache(Duration.ofSeconds(1))
                .start()) {
            String user = signUp(dns, topology);
            new SiteClient(dns).get(user);
            long afterFirst = topology.data().reads();
            new SiteClient(dns).get(user);
            assertThat(topology.data().reads())
                    .as("a second read within the TTL is a hit")
                    .isEqualTo(afterFirst);

            await("once the 1 s TTL has passed, a read misses and queries the database")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        new SiteClient(dns).get(user);
                        return topology.data().reads() > afterFirst;
                    });
        }
    }

    /**
     * The test's own connection to a Redis server, with time-outs for a slow machine: the web tier's
     * short ones (exercise 5.3's RedisClients) are the system's promise, not what this test proves.
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
