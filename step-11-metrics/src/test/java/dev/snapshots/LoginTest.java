package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.HashingLimiter;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserService;
import dev.snapshots.web.WebServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Carried from step 01 (exercise 1.5): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 01 · Log in with a session")
class LoginTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static InMemoryWebTier topology;
    /** The same code at a cost where the hash is most of a login's work, yet twenty logins take a fraction of a second. */
    private static final PasswordHasher TIMED_HASHING = new PasswordHasher(2_000);
    /** Measures a login in this thread's processor time (HotSpot supports it on every platform the course runs on). */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void start() {
        topology = InMemoryWebTier.start(DNS);
        PasswordHasher hasher = TestTopology.CHEAP_HASHING;
        topology.repository().save("Ada", "ada@example.com", hasher.hash("analytical engine"));
        topology.repository().save("Grace", "grace@example.com", hasher.hash("compiler first"));
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static SiteClient.Response login(SiteClient client, String email, String password) {
        return client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
    }

    private static String sessionCookie(SiteClient.Response response) {
        return response.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("snapshots_session="))
                .findFirst()
                .orElse(null);
    }

    @Test
    void a_login_sets_an_HttpOnly_session_cookie_and_returns_the_user() {
        SiteClient.Response response = login(new SiteClient(DNS), "ada@example.com", "analytical engine");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("email").asText())
                .as("the logged-in user in %s", response)
                .isEqualTo("ada@example.com");
        String cookie = sessionCookie(response);
        assertThat(cookie)
                .as(
                        "a Set-Cookie for snapshots_session in %s",
                        response.headers().map())
                .isNotNull();
        assertThat(cookie)
                .as("the cookie's flags")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Path=/");
        assertThat(cookie.substring("snapshots_session=".length()).split(";")[0])
                .as("the session id is long and random, not the user id")
                .hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void after_logging_in_the_server_knows_who_you_are() {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response loggedIn = login(client, "ada@example.com", "analytical engine");
        SiteClient.Response me = client.get("http://snapshots.test/api/me");

        assertThat(loggedIn.status()).as("%s", loggedIn).isEqualTo(200);
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("name").asText()).as("%s", me).isEqualTo("Ada");
        for (SiteClient.Response answer : List.of(loggedIn, me)) {
            assertThat(answer.body())
                    .as("the password hash never leaves the server: %s", answer)
                    .doesNotContainIgnoringCase("password")
                    .doesNotContain("pbkdf2");
        }
    }

    @Test
    void two_clients_each_see_their_own_user() {
        SiteClient ada = new SiteClient(DNS);
        SiteClient grace = new SiteClient(DNS);
        login(ada, "ada@example.com", "analytical engine");
        login(grace, "grace@example.com", "compiler first");

        SiteClient.Response adaMe = ada.get("http://snapshots.test/api/me");
        SiteClient.Response graceMe = grace.get("http://snapshots.test/api/me");
        assertThat(adaMe.json().path("name").asText()).as("%s", adaMe).isEqualTo("Ada");
        assertThat(graceMe.json().path("name").asText()).as("%s", graceMe).isEqualTo("Grace");
    }

    @Test
    void without_a_session_me_is_401_JSON() {
        SiteClient.Response me = new SiteClient(DNS).get("http://snapshots.test/api/me");

        assertThat(me.status()).as("%s", me).isEqualTo(401);
        assertThat(me.isJson()).as("errors are JSON objects: %s", me).isTrue();
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_401_and_no_cookie() {
        SiteClient.Response wrongPassword = login(new SiteClient(DNS), "ada@example.com", "difference engine");
        SiteClient.Response unknownEmail = login(new SiteClient(DNS), "nobody@example.com", "analytical engine");

        assertThat(wrongPassword.status()).as("%s", wrongPassword).isEqualTo(401);
        assertThat(unknownEmail.status()).as("%s", unknownEmail).isEqualTo(401);
        assertThat(wrongPassword.body())
                .as("the answer must not reveal which emails exist")
                .isEqualTo(unknownEmail.body());
        assertThat(sessionCookie(wrongPassword))
                .as("no session for a failed login: %s", wrongPassword)
                .isNull();
    }

    @Test
    void a_forged_session_cookie_is_401() {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response me = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/me"))
                        .header("Cookie", "snapshots_session=1"),
                "GET /api/me with a forged cookie");

        assertThat(me.status()).as("%s", me).isEqualTo(401);
    }

    @Test
    void logging_out_ends_the_session_on_the_server_not_just_in_the_browser() {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response loggedIn = login(client, "ada@example.com", "analytical engine");
        String cookie = sessionCookie(loggedIn);
        assertThat(cookie).as("a session cookie from %s", loggedIn).isNotNull();

        SiteClient.Response logout = client.postJson("http://snapshots.test/api/logout", "");
        SiteClient.Response me = client.get("http://snapshots.test/api/me");
        // Replay the old cookie by hand, as an attacker who copied it would.
        SiteClient replay = new SiteClient(DNS);
        SiteClient.Response replayed = replay.send(
                HttpRequest.newBuilder(replay.resolve("http://snapshots.test/api/me"))
                        .header("Cookie", cookie.split(";")[0]),
                "GET /api/me with the logged-out cookie");

        assertThat(logout.status()).as("%s", logout).isEqualTo(204);
        assertThat(sessionCookie(logout))
                .as(
                        "logout tells the browser to forget the cookie too: %s",
                        logout.headers().map())
                .isNotNull()
                .containsIgnoringCase("Max-Age=0");
        assertThat(me.status()).as("after logout: %s", me).isEqualTo(401);
        assertThat(replayed.status())
                .as("the old session id must be dead on the server: %s", replayed)
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "login body [{0}] → 400")
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "null",
                "{\"email\": \"ada@example.com\", \"password\": \"analytical engine\"} x",
                "{\"email\": \"nobody@example.com\", \"email\": \"ada@example.com\", \"password\": \"analytical engine\"}"
            })
    void an_unreadable_login_is_400_never_500(String body) {
        SiteClient.Response response = new SiteClient(DNS).postJson("http://snapshots.test/api/login", body);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
    }

    /** A client that reaches {@code server} as snapshots.test, outside the class's own DNS. */
    private static SiteClient clientOf(WebServer server) {
        DnsRegistry own = new DnsRegistry();
        own.register(Topology.SITE, server.address());
        return new SiteClient(own);
    }

    @Test
    void an_unknown_email_takes_as_long_to_refuse_as_a_wrong_password() {
        InMemoryUserRepository repository = new InMemoryUserRepository();
        repository.save("Ada", "ada@example.com", TIMED_HASHING.hash("analytical engine"));
        UserService users = new UserService(repository, TIMED_HASHING);
        // Warm up both paths once, outside the measurements.
        users.authenticate("nobody@example.com", "analytical engine");
        users.authenticate("ada@example.com", "difference engine");
        // Interleaved (unknown, wrong, unknown, wrong …), so whatever else happens on the machine falls
        // on both alike; each sample is this thread's processor time, not the wall clock's.
        long[] unknownEmail = new long[9];
        long[] wrongPassword = new long[9];
        List<Optional<?>> answers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String guess = "guess " + i;
            String nobody = "nobody" + i + "@example.com";
            unknownEmail[i] = nanosOf(() -> answers.add(users.authenticate(nobody, guess)));
            wrongPassword[i] = nanosOf(() -> answers.add(users.authenticate("ada@example.com", guess)));
        }
        double unknownMillis = medianMillis(unknownEmail);
        double wrongMillis = medianMillis(wrongPassword);

        assertThat(answers).as("every guess is refused").containsOnly(Optional.empty());
        assertThat(Math.max(unknownMillis, wrongMillis) / Math.min(unknownMillis, wrongMillis))
                .as(
                        "median processor time to refuse an unknown email %.2f ms, a wrong password %.2f ms: the time"
                                + " must not tell which emails exist",
                        unknownMillis, wrongMillis)
                .isLessThanOrEqualTo(2.0);
    }

    /**
     * The processor time this thread spent on {@code login}: the work a login does, which the machine's
     * load does not change (wall-clock time would also count the turns other processes took).
     */
    private static long nanosOf(Runnable login) {
        long start = CPU.getCurrentThreadCpuTime();
        login.run();
        return CPU.getCurrentThreadCpuTime() - start;
    }

    private static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    @Test
    void a_login_while_every_hashing_turn_is_taken_is_a_quick_503_with_Retry_After() throws Exception {
        HashingLimiter limiter = new HashingLimiter(1, Duration.ofMillis(50));
        InMemoryUserRepository repository = new InMemoryUserRepository();
        repository.save("Ada", "ada@example.com", TestTopology.CHEAP_HASHING.hash("analytical engine"));
        UserService users = new UserService(repository, TestTopology.CHEAP_HASHING, limiter);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> limiter.run(() -> {
            holding.countDown();
            awaitQuietly(letGo);
            return null;
        }));
        try (WebServer server =
                new WebServer("web-busy", users, new InMemorySessions(), new InMemorySessions()).start(0)) {
            SiteClient client = clientOf(server);
            holder.start();
            assertThat(holding.await(5, TimeUnit.SECONDS))
                    .as("the test holds the one turn")
                    .isTrue();
            long start = System.nanoTime();
            SiteClient.Response busy = login(client, "ada@example.com", "analytical engine");
            long millis = (System.nanoTime() - start) / 1_000_000;
            letGo.countDown();
            holder.join(5_000);
            SiteClient.Response free = login(client, "ada@example.com", "analytical engine");

            assertThat(busy.status()).as("%s", busy).isEqualTo(503);
            assertThat(busy.header("Retry-After"))
                    .as("Retry-After in seconds in %s", busy.headers().map())
                    .matches("[1-9][0-9]*");
            assertThat(busy.isJson()).as("errors are JSON objects: %s", busy).isTrue();
            assertThat(millis)
                    .as("the 503 came after %d ms: told at once, not queued", millis)
                    .isLessThan(2_000);
            assertThat(free.status())
                    .as("the same login once the turn is free: %s", free)
                    .isEqualTo(200);
        } finally {
            letGo.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void after_five_failed_logins_an_account_is_refused_429_with_Retry_After() {
        InMemoryUserRepository repository = new InMemoryUserRepository();
        repository.save("Eve", "eve@example.com", TestTopology.CHEAP_HASHING.hash("right password"));
        UserService users = new UserService(repository, TestTopology.CHEAP_HASHING);
        try (WebServer server =
                new WebServer("web-throttled", users, new InMemorySessions(), new InMemorySessions()).start(0)) {
            SiteClient client = clientOf(server);
            List<Integer> guesses = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                guesses.add(login(client, "eve@example.com", "guess " + i).status());
            }
            SiteClient.Response throttled = login(client, "EVE@example.com", "right password");
            SiteClient.Response otherAccount = login(client, "someone@example.com", "guess");

            assertThat(guesses).as("five wrong passwords").containsOnly(401);
            assertThat(throttled.status())
                    .as("the sixth try, with the right password and the email in capitals: %s", throttled)
                    .isEqualTo(429);
            assertThat(throttled.header("Retry-After"))
                    .as(
                            "Retry-After in seconds, within the minute, in %s",
                            throttled.headers().map())
                    .matches("[1-9]|[1-5][0-9]|60");
            assertThat(throttled.isJson())
                    .as("errors are JSON objects: %s", throttled)
                    .isTrue();
            assertThat(otherAccount.status())
                    .as("another account from the same address is not throttled: %s", otherAccount)
                    .isEqualTo(401);
        }
    }
}
