package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.session.RedisSessionStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Exercise 7.1: a session ends when it has been idle too long, use keeps it alive, and nothing keeps
 * it past its absolute lifetime. The site's topology has a short idle timeout ({@value #IDLE_MS} ms),
 * so that an idle session really ends during the test, and an absolute lifetime far beyond it
 * ({@value #ABSOLUTE_MS} ms), so that the end seen can only be the idle one, however slow the machine.
 * Sliding and the absolute end are proven on the store itself, with its clock set by the test and
 * the tier's time to live read, never by timing requests.
 */
@Tag("7.1")
@DisplayName("7.1 A session ends when idle past its timeout, lives on while used, and never past its lifetime")
class SessionLifetimeTest {

    static final long IDLE_MS = 2_000;
    static final long ABSOLUTE_MS = 60_000;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.withSessionTier(DNS)
                .webServers(2)
                .loadBalancer()
                .sessionLifetime(Duration.ofMillis(IDLE_MS), Duration.ofMillis(ABSOLUTE_MS))
                .start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static SiteClient loggedIn(String who) {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response login = Sessions.signUpAndLogIn(client, who + "-" + System.nanoTime() + "@example.com");
        assertThat(login.status()).as("7.1: %s", login).isEqualTo(200);
        return client;
    }

    @Test
    void an_idle_session_ends_after_the_idle_timeout() {
        SiteClient client = loggedIn("idle");
        long loggedIn = System.nanoTime();
        SiteClient.Response fresh = client.get("http://snapshots.test/api/me");
        assertThat(fresh.status())
                .as("7.1: /api/me right after the login: %s", fresh)
                .isEqualTo(200);

        await("7.1: /api/me is 401 once the session was idle past its " + IDLE_MS + " ms timeout")
                .atMost(Duration.ofSeconds(30)) // room for a slow machine: only a session that never ends waits
                .pollDelay(Duration.ofMillis(IDLE_MS + 100))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("http://snapshots.test/api/me").status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - loggedIn).toMillis())
                .as("7.1: ms from the login to the 401")
                .isLessThan(ABSOLUTE_MS);
    }

    /** A clock that stands still until the test sets it: the store's own clock, the absolute end's. */
    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        void set(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The time to live, in ms, of every key of the session tier that holds {@code sessionId}. */
    private static Map<String, Long> ttls(RedisClient redis, String sessionId) {
        Map<String, Long> ttls = new TreeMap<>();
        for (String key : redis.keys("*" + sessionId + "*")) {
            ttls.put(key, redis.pttl(key));
        }
        return ttls;
    }

    /**
     * The store on its own, over the topology's session tier, with lifetimes of half an hour and 12
     * hours and a clock the test sets: the idle timeout is the tier's expiry (its own clock, which
     * needs no waiting here: a key's time to live says when it will end), the absolute end the
     * store's clock. Nothing here depends on how fast the machine is.
     */
    @Test
    void a_session_never_used_after_its_login_ends_at_the_idle_timeout_not_at_its_absolute_end() {
        Duration idle = Duration.ofMinutes(30);
        Duration absolute = Duration.ofHours(12);
        Instant login = Instant.parse("2030-01-01T08:00:00Z");
        HandClock clock = new HandClock(login);
        try (RedisClient redis = RedisClients.connect(
                "127.0.0.1",
                topology.sessionServer().port(),
                topology.sessionServer().password(),
                Duration.ofSeconds(10))) {
            RedisSessionStore store = new RedisSessionStore(redis, idle, absolute, clock);

            String unused = store.create(41);
            Map<String, Long> afterLogin = ttls(redis, unused);
            assertThat(afterLogin)
                    .as("7.1: keys of the session tier holding a new session's id")
                    .isNotEmpty();
            assertThat(afterLogin.values())
                    .as(
                            "7.1: time to live (ms) of a session that nobody uses after its login: it must end"
                                    + " %d ms later, at the idle timeout, not at the absolute end (%d ms); keys: %s",
                            idle.toMillis(), absolute.toMillis(), afterLogin)
                    .allMatch(ttl -> ttl > idle.toMillis() / 2 && ttl <= idle.toMillis());

            String used = store.create(42);
            clock.set(login.plus(Duration.ofHours(2)));
            assertThat(store.userIdFor(used))
                    .as("7.1: the session 2 hours after its login (store's clock), used just now")
                    .contains(42L);
            Map<String, Long> afterUse = ttls(redis, used);
            assertThat(afterUse.values())
                    .as(
                            "7.1: time to live (ms) after a use: the idle timeout (%d ms) starts again, and no"
                                    + " more; keys: %s",
                            idle.toMillis(), afterUse)
                    .isNotEmpty()
                    .allMatch(ttl -> ttl > idle.toMillis() / 2 && ttl <= idle.toMillis());

            clock.set(login.plus(absolute).minus(Duration.ofMinutes(5)));
            assertThat(store.userIdFor(used))
                    .as("7.1: the session 5 minutes before its absolute end, used")
                    .contains(42L);
            Map<String, Long> nearEnd = ttls(redis, used);
            assertThat(nearEnd.values())
                    .as(
                            "7.1: time to live (ms) after a use 5 minutes (300000 ms) before the absolute end: the"
                                    + " idle timeout never reaches past it; keys: %s",
                            nearEnd)
                    .isNotEmpty()
                    .allMatch(ttl -> ttl > 0 && ttl <= Duration.ofMinutes(5).toMillis());

            clock.set(login.plus(absolute));
            assertThat(store.userIdFor(used))
                    .as("7.1: the session at its absolute end (12 hours after its login), though used 5 minutes ago")
                    .isEmpty();

            clock.set(login);
            String again = store.create(42);
            assertThat(again)
                    .as("7.1: two logins of one user at the same instant (store's clock): two ids")
                    .isNotEqualTo(store.create(42));
            assertThat(store.userIdFor("never-issued-" + System.nanoTime()))
                    .as("7.1: the user of a session id that was never issued (or has expired)")
                    .isEmpty();
        }
    }

    /**
     * A session must never exist without its end, even for a moment: if the value and its expiry
     * went in two commands, a web server that stopped (or a connection that broke) between them
     * would leave a session that lives for ever. The test watches what the session tier is told
     * while a session is created ({@link RedisMonitor}): the first command that names the new key
     * must set its expiry too.
     */
    @Test
    void a_new_session_and_its_expiry_are_written_in_one_command() throws IOException {
        try (RedisMonitor monitor = new RedisMonitor(topology.sessionServer());
                RedisClient redis = RedisClients.connect(
                        "127.0.0.1",
                        topology.sessionServer().port(),
                        topology.sessionServer().password(),
                        Duration.ofSeconds(10))) {
            String sessionId = new RedisSessionStore(
                            redis, Duration.ofMinutes(30), Duration.ofHours(12), Clock.systemUTC())
                    .create(43);
            String first = monitor.firstNaming(sessionId);

            assertThat(monitor.writesExpiryWith(first))
                    .as(
                            "7.1: the first command that wrote the new session's key, %s, does not set its expiry"
                                    + " with it (a failure before the next command leaves a session without an"
                                    + " end)",
                            first.replace(sessionId, "<id>"))
                    .isTrue();
        }
    }
}
