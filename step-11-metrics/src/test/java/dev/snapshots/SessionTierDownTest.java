package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionTier;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** Exercise 7.5: the session tier down or full: a fast 503 where a session is needed, the rest unharmed. */
@DisplayName(
        "Carried from step 07 · Session tier down or full: login and /api/me answer a fast 503; pages and assets keep working")
class SessionTierDownTest {

    private final DnsRegistry dns = new DnsRegistry();
    private Topology topology;

    @BeforeEach
    void start() {
        topology =
                TestTopology.withSessionTier(dns).webServers(2).loadBalancer().start();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private static void assertFast503(SiteClient.Response response, long millis, String what) {
        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(503);
        assertThat(response.isJson())
                .as("%s is a JSON error: %s", what, response)
                .isTrue();
        assertThat(response.header("Retry-After")).as("Retry-After of %s", what).isNotNull();
        assertThat(millis).as("ms until %s was answered", what).isLessThan(1_000);
    }

    @Test
    void with_the_session_tier_down_login_and_me_are_a_fast_503_and_the_page_still_works() {
        SiteClient ada = new SiteClient(dns);
        String email = "down-" + System.nanoTime() + "@example.com";
        assertThat(Sessions.signUpAndLogIn(ada, email).status())
                .as("login before")
                .isEqualTo(200);

        topology.tier(SessionStorage.class).server().stop();
        long start = System.nanoTime();
        SiteClient.Response login = Sessions.logIn(new SiteClient(dns), email);
        long loginMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        start = System.nanoTime();
        SiteClient.Response me = ada.get("http://snapshots.test/api/me");
        long meMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        SiteClient.Response page = ada.get("http://snapshots.test/");
        SiteClient.Response css = ada.get("http://snapshots.test/assets/app.css");

        assertFast503(login, loginMillis, "a login with the session tier down");
        assertFast503(me, meMillis, "/api/me with the session tier down (it cannot tell: not a 401)");
        assertThat(page.status())
                .as("the page with the session tier down: %s", page)
                .isEqualTo(200);
        assertThat(css.status())
                .as("an asset with the session tier down: %s", css)
                .isEqualTo(200);

        topology.tier(SessionStorage.class).server().start();
        assertThat(Sessions.logIn(new SiteClient(dns), email).status())
                .as("a login once the session tier is back, without restarting any web server")
                .isEqualTo(200);

        // Only the tier's own failures are translated: a bug of the code must stay the bug it is.
        IllegalStateException bug = new IllegalStateException("a bug of the site's own");
        Throwable thrown = null;
        try {
            SessionTier.call("parse a session", () -> {
                throw bug;
            });
        } catch (RuntimeException e) {
            thrown = e;
        }

        assertThat(thrown)
                .as("what SessionTier.call let out of a request that failed with the code's own"
                        + " IllegalStateException, not Jedis's (it must stay the bug it is, not a 503)")
                .isSameAs(bug);
    }

    @Test
    void a_full_session_tier_refuses_new_logins_with_a_503_and_evicts_no_session() {
        SiteClient ada = new SiteClient(dns);
        String email = "full-" + System.nanoTime() + "@example.com";
        assertThat(Sessions.signUpAndLogIn(ada, email).status())
                .as("login before")
                .isEqualTo(200);

        try (Jedis sessions = roomyClient(topology.tier(SessionStorage.class).server())) {
            // The tier is full: its memory limit is now below what it holds. With noeviction it refuses
            // every new write and drops nothing (allkeys-lru would evict sessions to make room).
            sessions.sendCommand(Protocol.Command.CONFIG, "SET", "maxmemory", "1");
        }
        long start = System.nanoTime();
        SiteClient.Response login = Sessions.logIn(new SiteClient(dns), email);
        long loginMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        SiteClient.Response me = ada.get("http://snapshots.test/api/me");

        assertFast503(login, loginMillis, "a login with the session tier full");
        assertThat(me.status())
                .as("a session from before the session tier filled up: %s", me)
                .isEqualTo(200);
    }

    /**
     * The test's own connection to a Redis server, with time-outs for a slow machine: the web tier's
     * short ones (SessionPolicy.TIMEOUT) are the system's promise, not what this test proves.
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
