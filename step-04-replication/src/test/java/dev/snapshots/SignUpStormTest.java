package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.HashingLimiter;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@value #SIGN_UPS} sign-ups at once through the balancer, with costly password hashes: several times
 * the work 2 cores can do within the wait for a hashing turn, and far more sign-ups than the web
 * tier's hashing turns, so most must wait for a turn and many get none. Every answer must still be
 * the truth: {@code 201}
 * (saved), {@code 409} (the email is taken), {@code 429} or {@code 503} with {@code Retry-After}
 * (not now: try again), and never a timeout for a sign-up that was in fact saved. Provided code
 * (the web tier bounds its hashing), so this passes on the starter.
 *
 * <p>The balancer here gives a web server {@link #BACKEND_TIMEOUT} to take a connection and to
 * answer, not the site's 1 s and 4 s: what this test proves is the web tier's answers, not the speed
 * of the machine. On a busy machine a hash that got its turn may take seconds, and a balancer that
 * gave up on it meanwhile would answer {@code 504} for a sign-up saved a moment later (or {@code
 * 502} for a connection the web server took late); the balancer's own time-outs are proven by its
 * own tests ({@code lb/GatewayErrorsTest}).
 */
@Isolated("a storm of costly hashes: run alone, so that it slows no other test class")
@DisplayName("Under a storm of sign-ups, every answer is the truth")
class SignUpStormTest {

    /**
     * Twenty-five times the web tier's hashing turns on 2 cores (two servers, a turn per core each),
     * and few enough that one wait for a turn decides them all: the test takes about a second. (That
     * a burst of 200 connections is answered, at the balancer and each web server, is BurstTest's.)
     */
    private static final int SIGN_UPS = 100;
    /**
     * A tenth of the site's cost: about 50 ms a hash here, so a hundred sign-ups still need several
     * times the {@link HashingLimiter#WAIT} the web tier lets one wait for a turn (at full cost, a few
     * hashes took all of it, and the test, which runs alone, seconds longer).
     */
    private static final PasswordHasher COSTLY_HASHING = new PasswordHasher(PasswordHasher.ITERATIONS / 10);
    /** One email signed up by 20 clients at once: exactly one of them may get a 201. */
    private static final int SAME_EMAIL = 20;

    /** The balancer's time-outs to a web server in this test: far beyond the web tier's bounded wait for a hash. */
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(20);

    private static final Set<Integer> HONEST = Set.of(201, 409, 429, 503);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_answer_is_201_409_429_or_503_and_every_201_was_saved() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (Topology topology = Topology.builder(new DnsRegistry())
                        .replicas(1)
                        .passwordHasher(COSTLY_HASHING)
                        .start();
                LoadBalancer balancer = new LoadBalancer(BACKEND_TIMEOUT, BACKEND_TIMEOUT).start(0)) {
            for (String name : List.of("web-1", "web-2")) {
                balancer.pool().add(new Backend(name, topology.web().start(name).address()));
            }
            // HTTP/1.1, one connection per sign-up, as 200 browsers would open them (the JDK's default,
            // HTTP/2, would first try to upgrade each connection).
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(clients)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            URI users = URI.create("http://127.0.0.1:" + balancer.address().getPort() + "/api/users");
            List<String> emails = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < SIGN_UPS; i++) {
                String email = i < SAME_EMAIL ? "popular@example.com" : "storm" + i + "@example.com";
                emails.add(email);
                String body = "{\"name\": \"Storm " + i + "\", \"email\": \"" + email
                        + "\", \"password\": \"correct horse " + i + "\"}";
                answers.add(http.sendAsync(
                        HttpRequest.newBuilder(users)
                                .timeout(BACKEND_TIMEOUT.plusSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }

            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<Long, String> created = new TreeMap<>();
            int popularCreated = 0;
            for (int i = 0; i < SIGN_UPS; i++) {
                HttpResponse<String> answer = answers.get(i).join();
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                if (answer.statusCode() == 201) {
                    created.put(JSON.readTree(answer.body()).path("id").asLong(), emails.get(i));
                    popularCreated += emails.get(i).startsWith("popular") ? 1 : 0;
                }
                if (answer.statusCode() == 429 || answer.statusCode() == 503) {
                    assertThat(answer.headers().firstValue("Retry-After"))
                            .as("a %d tells the client when to try again: %s", answer.statusCode(), answer.body())
                            .isPresent();
                }
            }

            assertThat(statuses.keySet())
                    .as("statuses of %d sign-ups at once (status → count): %s", SIGN_UPS, statuses)
                    .isSubsetOf(HONEST);
            assertThat(popularCreated)
                    .as("201s for one email signed up by %d clients at once", SAME_EMAIL)
                    .isLessThanOrEqualTo(1);
            Jdbi primary = Jdbi.create(
                    topology.data().config().url(),
                    topology.data().config().user(),
                    topology.data().config().password());
            Map<Long, String> saved = new TreeMap<>();
            primary.useHandle(h -> h.createQuery("SELECT id, email FROM users")
                    .map((row, ctx) -> Map.entry(row.getLong("id"), row.getString("email")))
                    .forEach(user -> saved.put(user.getKey(), user.getValue())));
            assertThat(saved)
                    .as("every user answered 201 is in the database, with its own email (%s)", statuses)
                    .containsAllEntriesOf(created);
            assertThat(saved)
                    .as("and nothing was saved that was not answered 201 (%s)", statuses)
                    .hasSameSizeAs(created);
        } finally {
            clients.shutdownNow();
        }
    }
}
