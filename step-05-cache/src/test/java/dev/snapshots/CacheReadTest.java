package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

@Tag("5.2")
@DisplayName("5.2 Reads come from the cache; after the TTL, from the database again")
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
                assertThat(read.status()).as("5.2: read %d: %s", i, read).isEqualTo(200);
                assertThat(read.json().path("email").asText())
                        .as("5.2: %s", read)
                        .isEqualTo("cached@example.com");
            }

            assertThat(topology.data().reads() - before)
                    .as("5.2: database queries for 10 reads of one user, through 3 web servers")
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
            // The copy and its TTL must be one write: were they two (SET, then EXPIRE), a failure
            // between them would leave a copy without a TTL. Redis refuses the second one here.
            redis.aclSetUser("default", "-expire", "-pexpire", "-expireat", "-pexpireat");
            assertThatThrownBy(() -> redis.expire("probe", 60))
                    .as("set-up: EXPIRE is refused to the cache's user (default)")
                    .isInstanceOf(JedisDataException.class);

            var read = new SiteClient(dns).get(user);
            long id = read.json().path("id").asLong();

            long ttl = redis.ttl("user:" + id);
            assertThat(ttl)
                    .as(
                            "5.2: TTL of user:%d in Redis, in seconds (-1: none, -2: no such key), with EXPIRE"
                                    + " refused (the copy and its TTL in one command, SETEX, not SET then EXPIRE)",
                            id)
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
                    .as("5.2: a second read within the TTL is a hit")
                    .isEqualTo(afterFirst);

            await("5.2: once the 1 s TTL has passed, a read misses and queries the database")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        new SiteClient(dns).get(user);
                        return topology.data().reads() > afterFirst;
                    });
        }
    }

    @Test
    void a_cached_copy_that_cannot_be_read_is_a_miss_not_an_error() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                        .webServers(1)
                        .cache(Duration.ofSeconds(60))
                        .start();
                Jedis redis = roomyClient(topology.cacheServer())) {
            String user = signUp(dns, topology);
            long id = new SiteClient(dns).get(user).json().path("id").asLong();

            // Not JSON at all, and a copy of an older format (a field User no longer has).
            for (String planted : List.of("not json", "{\"id\":" + id + ",\"nick\":\"planted-nick\"}")) {
                redis.setex("user:" + id, 60, planted);
                var read = new SiteClient(dns).get(user);
                assertThat(read.status())
                        .as(
                                "5.2: a read while user:%d holds %s, no User (a copy that cannot be read is a"
                                        + " miss: the database has the truth): %s",
                                id, planted, read)
                        .isEqualTo(200);
                assertThat(read.json().path("email").asText())
                        .as("5.2: the email read while user:%d holds %s: %s", id, planted, read)
                        .isEqualTo("cached@example.com");
                assertThat(read.body())
                        .as("5.2: the answer of a read while user:%d holds %s", id, planted)
                        .doesNotContain("not json", "planted-nick");
            }
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
