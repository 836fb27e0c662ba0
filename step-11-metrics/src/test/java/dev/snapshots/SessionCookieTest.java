package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 7.3: a new session id at every login, and a cookie out of reach of scripts, sites and the network. */
@DisplayName(
        "Carried from step 07 · A login always gets a new session id, in a cookie that is HttpOnly, SameSite and Secure over HTTPS")
class SessionCookieTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static String email;

    @BeforeAll
    static void start() {
        topology =
                TestTopology.withSessionTier(DNS).webServers(2).loadBalancer().start();
        email = "cookie-" + System.nanoTime() + "@example.com";
        Nodes.signUp(new SiteClient(DNS), email);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";"))
                .skip(1)
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** A login straight to web-1 (a loopback peer, as the balancer is), with these extra headers. */
    private static SiteClient.Response logInAtWeb1(String... headers) {
        WebServer web = topology.web().servers().get(0);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.address().getPort() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new SiteClient(DNS).send(request, "POST /api/login on web-1 " + List.of(headers));
    }

    @Test
    void over_plain_http_the_cookie_is_HttpOnly_SameSite_Lax_for_every_path_and_not_Secure() {
        SiteClient.Response login = Sessions.logIn(new SiteClient(DNS), email);

        assertThat(attributes(Sessions.setCookie(login)))
                .as("the session cookie's attributes: %s", Sessions.setCookie(login))
                .contains("httponly", "samesite=lax", "path=/")
                .doesNotContain("secure");
    }

    @Test
    void behind_a_balancer_that_ended_https_the_cookie_is_also_Secure() {
        SiteClient.Response https = logInAtWeb1("X-Forwarded-Proto", "https");
        SiteClient.Response chain = logInAtWeb1("X-Forwarded-Proto", "https, http");
        SiteClient.Response http = logInAtWeb1("X-Forwarded-Proto", "http");
        SiteClient.Response commas = logInAtWeb1("X-Forwarded-Proto", ",");

        assertThat(attributes(Sessions.setCookie(https)))
                .as("X-Forwarded-Proto: https → %s", Sessions.setCookie(https))
                .contains("secure", "httponly", "samesite=lax", "path=/");
        assertThat(attributes(Sessions.setCookie(chain)))
                .as(
                        "X-Forwarded-Proto: https, http (the client's connection is the first) → %s",
                        Sessions.setCookie(chain))
                .contains("secure");
        assertThat(attributes(Sessions.setCookie(http)))
                .as("X-Forwarded-Proto: http → %s", Sessions.setCookie(http))
                .doesNotContain("secure");
        assertThat(commas.status())
                .as("a login with X-Forwarded-Proto: , (nothing in it): %s", commas)
                .isEqualTo(200);
        assertThat(attributes(Sessions.setCookie(commas)))
                .as("X-Forwarded-Proto: , → %s", Sessions.setCookie(commas))
                .doesNotContain("secure");
    }

    @Test
    void a_client_cannot_claim_https_through_the_balancer() {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response login = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/login"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-Proto", "https")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email))),
                "POST /api/login through the balancer, claiming https");

        assertThat(attributes(Sessions.setCookie(login)))
                .as("the balancer took plain HTTP whatever the client claims: %s", Sessions.setCookie(login))
                .doesNotContain("secure");
    }

    @Test
    void logging_in_again_ends_the_session_the_browser_had() {
        SiteClient browser = new SiteClient(DNS);
        String before = Sessions.sessionId(Sessions.logIn(browser, email)).orElseThrow();

        SiteClient.Response again = Sessions.logIn(browser, email);
        String after = Sessions.sessionId(again).orElseThrow();

        assertThat(after)
                .as("the session id of a second login in the same browser")
                .isNotEqualTo(before);
        assertThat(Sessions.getWith(DNS, "http://snapshots.test/api/me", before).status())
                .as("the browser's earlier session id, after the new login")
                .isEqualTo(401);
        assertThat(Sessions.getWith(DNS, "http://snapshots.test/api/me", after).status())
                .as("the new one")
                .isEqualTo(200);
    }

    @Test
    void a_session_id_planted_before_the_login_never_becomes_the_victims_session() {
        // The attacker logs in, then plants their own session id in the victim's browser.
        String planted =
                Sessions.sessionId(Sessions.logIn(new SiteClient(DNS), email)).orElseThrow();
        SiteClient victim = new SiteClient(DNS);
        String victimEmail = "victim-" + System.nanoTime() + "@example.com";
        Nodes.signUp(victim, victimEmail);
        SiteClient.Response login = victim.send(
                HttpRequest.newBuilder(victim.resolve("http://snapshots.test/api/login"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", Sessions.COOKIE + "=" + planted)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(victimEmail))),
                "the victim's login, with the planted session id");

        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(Sessions.sessionId(login))
                .as("the session id the victim's login answers with")
                .isPresent()
                .get()
                .isNotEqualTo(planted);
        SiteClient.Response attacker = Sessions.getWith(DNS, "http://snapshots.test/api/me", planted);
        assertThat(attacker.status())
                .as("the attacker's planted id after the victim logged in with it: %s", attacker)
                .isEqualTo(401);
    }

    @Test
    void each_cookie_carries_its_own_session_when_many_threads_build_them_at_once() throws Exception {
        Method setCookie = Class.forName("dev.snapshots.web.SessionCookies")
                .getDeclaredMethod("setCookie", String.class, boolean.class);
        setCookie.setAccessible(true);
        List<String> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            alone.add((String) setCookie.invoke(null, "session-of-thread-" + t, t % 2 == 0));
        }
        assertThat(alone.get(0))
                .as("the Set-Cookie of a session over HTTPS, built alone")
                .contains("HttpOnly", "Secure");
        List<String> wrong = atOnce(20_000, (thread, round) -> {
            try {
                String cookie = (String) setCookie.invoke(null, "session-of-thread-" + thread, thread % 2 == 0);
                return alone.get(thread).equals(cookie) ? null : cookie + ", alone " + alone.get(thread);
            } catch (ReflectiveOperationException e) {
                return e.getCause() == null ? e.toString() : e.getCause().toString();
            }
        });

        assertThat(wrong.size())
                .as(
                        "Set-Cookie values that %d threads built at once (logins are served at once), each for"
                                + " its own session 20,000 times, that differ from the one built alone; the first: %s",
                        THREADS, wrong.stream().limit(3).toList())
                .isZero();
    }

    /**
     * Runs {@code task(thread, round)} on {@value #THREADS} threads released together, {@code rounds}
     * times each; returns what the tasks reported wrong (null: nothing), exceptions included.
     */
    private static List<String> atOnce(int rounds, BiFunction<Integer, Integer, String> task)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        try {
                            String problem = task.apply(thread, round);
                            if (problem != null) {
                                wrong.add(problem);
                            }
                        } catch (RuntimeException e) {
                            wrong.add(e.toString());
                        }
                    }
                    return wrong;
                }));
            }
            go.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                try {
                    wrong.addAll(result.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    wrong.add(e.toString());
                }
            }
            return wrong;
        } finally {
            pool.shutdownNow();
        }
    }
}
