package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionPolicy;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Exercise 7.1: sessions on the session tier, so that every web server knows every logged-in user. */
@Tag("7.1")
@DisplayName("7.1 Sessions live on the session tier: any web server serves a logged-in user")
class StatelessWebTierTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.withSessionTier(DNS)
                .webServers(3)
                .loadBalancer()
                .cache(Duration.ofSeconds(60))
                .start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    /**
     * The test's own connection to a Redis server, with time-outs for a slow machine: the web tier's
     * short ones (RedisClients, SessionPolicy) are the system's promises, not what these tests prove.
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

    private static String email(String who) {
        return who + "-" + System.nanoTime() + "@example.com";
    }

    @Test
    void after_a_login_thirty_requests_spread_ten_ten_ten_and_every_server_knows_the_user() {
        SiteClient client = new SiteClient(DNS);
        String email = email("spread");
        SiteClient.Response login = Sessions.signUpAndLogIn(client, email);
        assertThat(login.status()).as("7.1: %s", login).isEqualTo(200);

        Map<String, Integer> servedBy = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            SiteClient.Response me = client.get("http://snapshots.test/api/me");
            assertThat(me.status())
                    .as("7.1: request %d after the login: %s", i + 1, me)
                    .isEqualTo(200);
            assertThat(me.body()).as("7.1: %s", me).contains(email);
            servedBy.merge(me.header(WebServer.SERVED_BY), 1, Integer::sum);
        }

        assertThat(servedBy)
                .as("7.1: which servers answered 30 requests of a logged-in user (no stickiness: round robin)")
                .containsOnly(Map.entry("web-1", 10), Map.entry("web-2", 10), Map.entry("web-3", 10));
        assertThat(login.headers("Set-Cookie"))
                .as("7.1: cookies the login set (the balancer pins nobody to a server any more: no lb_server)")
                .allMatch(cookie -> cookie.startsWith("snapshots_session=") || cookie.startsWith("snapshots_seen="));
    }

    @Test
    void a_session_is_a_secret_of_256_bits_and_says_nothing_about_its_user_but_the_id() {
        SiteClient client = new SiteClient(DNS);
        String email = email("secret");
        String sessionId = Sessions.sessionId(Sessions.signUpAndLogIn(client, email))
                .orElseThrow(() -> new AssertionError("7.1: the login set no session cookie"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(topology.sessions().create(1));
        }

        assertThat(sessionId)
                .as("7.1: a session id (43 URL-safe characters hold 256 bits)")
                .matches("[A-Za-z0-9_-]{43,}");
        assertThat(ids).as("7.1: 200 new session ids").hasSize(200).allMatch(id -> id.matches("[A-Za-z0-9_-]{43,}"));
        try (Jedis redis = roomyClient(topology.sessionServer())) {
            Set<String> keys = redis.keys("*" + sessionId + "*");
            assertThat(keys)
                    .as("7.1: keys of the session tier that hold the session id")
                    .isNotEmpty();
            for (String key : keys) {
                String stored =
                        redis.type(key).equals("hash") ? redis.hgetAll(key).toString() : redis.get(key);
                assertThat(stored)
                        .as("7.1: what the session tier holds for the session (%s)", key)
                        .doesNotContain(email)
                        .doesNotContain("pbkdf2");
                assertThat(redis.pttl(key))
                        .as("7.1: the time to live of %s in ms (-1: none)", key)
                        .isPositive();
            }
        }
    }

    @Test
    void the_cache_filling_its_memory_evicts_no_session() {
        SiteClient client = new SiteClient(DNS);
        String email = email("evict");
        assertThat(Sessions.signUpAndLogIn(client, email).status())
                .as("7.1: login")
                .isEqualTo(200);

        List<Object> replies;
        try (Jedis cache = roomyClient(topology.cacheServer());
                Pipeline fill = cache.pipelined()) { // one stream of writes, not 400 round trips
            String block = "x".repeat(100_000);
            for (int i = 0; i < 400; i++) {
                fill.set("filler:" + i, block);
            }
            replies = fill.syncAndReturnAll();
        }
        assertThat(replies)
                .as("7.1: the cache's replies to 400 SETs of 100 kB (40 MB into a 32 MB cache)")
                .hasSize(400)
                .allMatch("OK"::equals);

        for (int i = 0; i < 3; i++) {
            SiteClient.Response me = client.get("http://snapshots.test/api/me");
            assertThat(me.status())
                    .as("7.1: /api/me after 40 MB went into the 32 MB cache (it evicted its own keys): %s", me)
                    .isEqualTo(200);
        }
    }

    @Test
    void the_session_tier_can_be_any_redis_server_named_by_configuration() {
        DnsRegistry dns = new DnsRegistry();
        try (RedisServer sessions = RedisServer.startTemporary(SessionPolicy.redisSettings());
                Topology own = TestTopology.withSessionTier(dns)
                        .webServers(2)
                        .loadBalancer()
                        .sessionTier(new RedisConfig("127.0.0.1", sessions.port(), sessions.password()))
                        .start();
                Jedis redis = roomyClient(sessions)) {
            SiteClient client = new SiteClient(dns);
            String sessionId = Sessions.sessionId(Sessions.signUpAndLogIn(client, email("external")))
                    .orElseThrow(() -> new AssertionError("7.1: the login set no session cookie"));

            assertThat(client.get("http://snapshots.test/api/me").status())
                    .as("7.1: /api/me with the session tier on a Redis server of the configuration's")
                    .isEqualTo(200);
            assertThat(redis.keys("*" + sessionId + "*"))
                    .as("7.1: keys of that Redis server holding the session id")
                    .isNotEmpty();
        }
    }

    @Test
    void the_server_that_took_the_login_dies_and_a_new_one_knows_the_user_at_once() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology own =
                TestTopology.withSessionTier(dns).webServers(3).loadBalancer().start()) {
            own.loadBalancer().startHealthChecks(1, 1, Duration.ofMillis(50));
            SiteClient client = new SiteClient(dns);
            SiteClient.Response login = Sessions.signUpAndLogIn(client, email("survivor"));
            assertThat(login.status()).as("7.1: %s", login).isEqualTo(200);
            String loginServer = login.header(WebServer.SERVED_BY);

            own.web().kill(loginServer);
            for (int i = 0; i < 6; i++) {
                SiteClient.Response me = client.get("http://snapshots.test/api/me");
                assertThat(me.status())
                        .as("7.1: /api/me after %s, which took the login, was killed: %s", loginServer, me)
                        .isEqualTo(200);
            }
            WebServer fresh = own.addWebServer("web-4");
            SiteClient.Response first = null;
            for (int i = 0; i < 8 && first == null; i++) {
                SiteClient.Response me = client.get("http://snapshots.test/api/me");
                if ("web-4".equals(me.header(WebServer.SERVED_BY))) {
                    first = me;
                }
            }
            assertThat(first).as("7.1: web-4 got a request within 8").isNotNull();
            assertThat(first.status())
                    .as(
                            "7.1: the first request web-4 ever served, from a user who logged in before it started: %s",
                            first)
                    .isEqualTo(200);
            assertThat(fresh.requestsServed()).as("7.1: requests web-4 served").isPositive();
        }
    }
}
