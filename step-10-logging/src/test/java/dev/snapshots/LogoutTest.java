package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.session.RedisSessionStore;
import dev.snapshots.session.SessionPolicy;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.web.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Exercise 7.2: logging out ends a session everywhere; logging out everywhere ends all of a user's. */
@DisplayName(
        "Carried from step 07 · Log out ends the session on every server; log out everywhere ends all of a user's sessions")
class LogoutTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology =
                TestTopology.withSessionTier(DNS).webServers(3).loadBalancer().start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static String email(String who) {
        return who + "-" + System.nanoTime() + "@example.com";
    }

    /** What each web server, asked directly, answers to /api/me with this session id. */
    private static List<Integer> everyServer(String sessionId) {
        List<Integer> statuses = new ArrayList<>();
        for (WebServer web : topology.web().servers()) {
            statuses.add(Sessions.getFrom(DNS, web.address().getPort(), "/api/me", sessionId)
                    .status());
        }
        return statuses;
    }

    @Test
    void after_a_logout_a_copy_of_the_cookie_works_on_no_server() {
        SiteClient client = new SiteClient(DNS);
        String sessionId = Sessions.sessionId(Sessions.signUpAndLogIn(client, email("copied")))
                .orElseThrow(() -> new AssertionError("the login set no session cookie"));
        assertThat(everyServer(sessionId))
                .as("/api/me on web-1..3 with the session, before the logout")
                .containsOnly(200);

        SiteClient.Response logout = client.postJson("http://snapshots.test/api/logout", "");

        assertThat(logout.status()).as("%s", logout).isEqualTo(204);
        assertThat(everyServer(sessionId))
                .as("/api/me on web-1..3 with a copy of the cookie, after the logout")
                .containsOnly(401);
    }

    @Test
    void log_out_everywhere_ends_every_session_of_the_user_and_no_one_elses() {
        String email = email("everywhere");
        SiteClient phone = new SiteClient(DNS);
        SiteClient laptop = new SiteClient(DNS);
        SiteClient library = new SiteClient(DNS);
        Sessions.signUpAndLogIn(phone, email);
        String laptopId = Sessions.sessionId(Sessions.logIn(laptop, email)).orElseThrow();
        String libraryId = Sessions.sessionId(Sessions.logIn(library, email)).orElseThrow();
        SiteClient other = new SiteClient(DNS);
        String otherId = Sessions.sessionId(Sessions.signUpAndLogIn(other, email("bystander")))
                .orElseThrow();

        SiteClient.Response everywhere = phone.postJson("http://snapshots.test/api/logout/everywhere", "");

        assertThat(everywhere.status()).as("%s", everywhere).isEqualTo(204);
        assertThat(phone.get("http://snapshots.test/api/me").status())
                .as("the phone that logged out everywhere")
                .isEqualTo(401);
        assertThat(everyServer(laptopId))
                .as("the laptop's session, on web-1..3")
                .containsOnly(401);
        assertThat(everyServer(libraryId))
                .as("the library's session, on web-1..3")
                .containsOnly(401);
        assertThat(everyServer(otherId))
                .as("another user's session, on web-1..3")
                .containsOnly(200);
        assertThat(Sessions.logIn(laptop, email).status())
                .as("logging in again afterwards")
                .isEqualTo(200);
    }

    @Test
    void log_out_everywhere_says_how_many_sessions_ended_and_finds_none_twice() {
        SiteClient client = new SiteClient(DNS);
        String email = email("count");
        Sessions.signUpAndLogIn(client, email);
        long userId =
                client.get("http://snapshots.test/api/me").json().get("id").asLong();
        for (int i = 0; i < 2; i++) {
            Sessions.logIn(new SiteClient(DNS), email);
        }

        assertThat(topology.sessions().deleteAll(userId))
                .as("sessions of a user who logged in 3 times, ended at once")
                .isEqualTo(3);
        assertThat(topology.sessions().deleteAll(userId)).as("ended again").isZero();
    }

    @Test
    void logging_out_without_a_session_or_with_an_unknown_one_is_no_error() {
        SiteClient.Response none = new SiteClient(DNS).postJson("http://snapshots.test/api/logout", "");
        SiteClient.Response everywhere =
                new SiteClient(DNS).postJson("http://snapshots.test/api/logout/everywhere", "");

        assertThat(none.status()).as("%s", none).isEqualTo(204);
        assertThat(everywhere.status())
                .as("log out everywhere without a session: %s", everywhere)
                .isEqualTo(401);
        topology.sessions().delete("no-such-session");
    }

    /** The test's own client of the session tier, with room for a slow machine (not the web tier's 500 ms). */
    private static RedisClient roomyClient() {
        return RedisClients.connect(
                "127.0.0.1",
                topology.tier(SessionStorage.class).server().port(),
                topology.tier(SessionStorage.class).server().password(),
                Duration.ofSeconds(10));
    }

    @Test
    void a_users_set_of_sessions_expires_with_the_absolute_lifetime() {
        SiteClient client = new SiteClient(DNS);
        String sessionId = Sessions.sessionId(Sessions.signUpAndLogIn(client, email("indexed")))
                .orElseThrow(() -> new AssertionError("the login set no session cookie"));
        Map<String, Long> ttls = new TreeMap<>();
        try (RedisClient redis = roomyClient()) {
            for (String key : redis.keys("user-sessions:*")) {
                if (redis.type(key).equals("set") && redis.sismember(key, sessionId)) {
                    ttls.put(key, redis.pttl(key));
                }
            }
        }
        long absolute = SessionPolicy.ABSOLUTE_LIFETIME.toMillis();

        assertThat(ttls)
                .as("sets user-sessions:<user id> that hold a new session's id")
                .hasSize(1);
        assertThat(ttls.values())
                .as(
                        "time to live (ms) of the user's set of sessions just after a login: it goes when its"
                                + " newest session must have ended, the absolute lifetime (%d ms) later: %s",
                        absolute, ttls)
                .allMatch(ttl -> ttl > absolute / 2 && ttl <= absolute);
    }

    @Test
    void concurrent_log_outs_everywhere_count_each_session_once() throws Exception {
        try (RedisClient redis = roomyClient()) {
            RedisSessionStore store = new RedisSessionStore(
                    redis, SessionPolicy.IDLE_TIMEOUT, SessionPolicy.ABSOLUTE_LIFETIME, Clock.systemUTC());
            List<String> rounds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long user = 1_000_000_000L + System.nanoTime() % 1_000_000_000L;
                for (int i = 0; i < 100; i++) {
                    store.create(user);
                }
                ExecutorService pool = Executors.newFixedThreadPool(8);
                long ended = 0;
                try {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Integer>> results = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        results.add(pool.submit(() -> {
                            go.await();
                            return store.deleteAll(user);
                        }));
                    }
                    go.countDown();
                    for (Future<Integer> result : results) {
                        ended += result.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                rounds.add("100 sessions, ended " + ended);
            }

            assertThat(rounds)
                    .as("sessions that 8 \"log out everywhere\" of one user at once (the phone and the laptop"
                            + " together) say they ended, summed, per round of 100 sessions: each ends once")
                    .containsOnly("100 sessions, ended 100");
        }
    }
}
