package dev.snapshots.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercise 6.3, counted at the origin: what the edge stores, under which key, and for how long. The
 * origin is a test's own, so every header is the one the test chose; the clock moves by hand.
 */
@DisplayName("Carried from step 06 · The edge keeps what the origin allows, per URL, while it is fresh")
class EdgeCacheTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

    private static final Map<String, String> YEAR = Map.of("Cache-Control", "public, max-age=31536000, immutable");

    @Test
    void one_hundred_requests_for_an_asset_cost_one_origin_fetch() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/assets/app.css", 200, YEAR, "body { color: teal; }");

            List<String> xCache = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                EdgeHarness.Response r = h.get("/assets/app.css");
                assertThat(r.status()).as("%s", r).isEqualTo(200);
                assertThat(r.body()).as("%s", r).isEqualTo("body { color: teal; }");
                xCache.add(r.xCache());
            }

            assertThat(h.origin.received("/assets/app.css"))
                    .as("origin fetches for 100 requests of one immutable asset")
                    .hasSize(1);
            assertThat(xCache.get(0)).as("X-Cache of the first request").isEqualTo("MISS");
            assertThat(xCache.subList(1, 100)).as("X-Cache of the 99 after it").containsOnly("HIT");
        }
    }

    @Test
    void a_HEAD_is_answered_from_the_stored_copy_with_its_headers_and_no_body() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/assets/app.css", 200, YEAR, "body { color: teal; }");
            h.get("/assets/app.css");

            EdgeHarness.Response head = h.head("/assets/app.css");

            assertThat(head.status()).as("HEAD of a stored asset").isEqualTo(200);
            assertThat(head.xCache()).as("X-Cache of a HEAD").isEqualTo("HIT");
            assertThat(head.header("Content-Length"))
                    .as("Content-Length of a HEAD: the GET's")
                    .isEqualTo("21");
            assertThat(head.raw().body()).as("the body of a HEAD").isEmpty();
            assertThat(h.origin.received("/assets/app.css"))
                    .as("origin requests")
                    .hasSize(1);
        }
    }

    @Test
    void a_stored_copy_reports_its_age() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/assets/logo.png", 200, YEAR, "png");
            h.get("/assets/logo.png");
            h.clock.advance(Duration.ofSeconds(7));

            EdgeHarness.Response later = h.get("/assets/logo.png");

            assertThat(later.xCache()).as("%s", later).isEqualTo("HIT");
            assertThat(later.header("Age"))
                    .as("Age of a copy stored 7 s ago: %s", later)
                    .isEqualTo("7");
        }
    }

    @Test
    void fifty_concurrent_first_requests_cost_one_origin_fetch() throws Exception {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/assets/app.js", 200, YEAR, "console.log('hi');");
            h.origin.delay(Duration.ofMillis(300));
            ExecutorService clients = Executors.newFixedThreadPool(50);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EdgeHarness.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return h.get("/assets/app.js");
                    }));
                }
                start.countDown();
                for (Future<EdgeHarness.Response> answer : answers) {
                    EdgeHarness.Response r = answer.get(20, TimeUnit.SECONDS);
                    assertThat(r.status()).as("%s", r).isEqualTo(200);
                    assertThat(r.body()).as("%s", r).isEqualTo("console.log('hi');");
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(h.origin.received("/assets/app.js"))
                    .as("origin fetches for 50 concurrent first requests of one asset")
                    .hasSize(1);
        }
    }

    static Stream<Arguments> answers_a_shared_cache_must_not_keep() {
        return Stream.of(
                Arguments.of("private", 200, Map.of("Cache-Control", "private, max-age=600")),
                Arguments.of("no-store", 200, Map.of("Cache-Control", "public, no-store, max-age=600")),
                Arguments.of(
                        "a cookie being set",
                        200,
                        Map.of("Cache-Control", "public, max-age=600", "Set-Cookie", "session=abc; HttpOnly")),
                Arguments.of("a server error", 500, Map.of("Cache-Control", "public, max-age=600")),
                Arguments.of("a 503", 503, Map.of("Cache-Control", "max-age=600", "ETag", "\"e\"")),
                Arguments.of("no freshness and no validator", 200, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers_a_shared_cache_must_not_keep")
    void an_answer_the_origin_did_not_allow_to_share_is_never_stored(
            String what, int status, Map<String, String> headers) {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/page", status, headers, "answer");
            for (int i = 0; i < 3; i++) {
                EdgeHarness.Response r = h.get("/page");
                assertThat(r.status()).as("%s", r).isEqualTo(status);
            }

            assertThat(h.origin.received("/page"))
                    .as("origin requests for 3 requests of an answer with %s (%s)", what, headers)
                    .hasSize(3);
            assertThat(h.edge.storedResponses())
                    .as("answers the edge stored with %s", what)
                    .isZero();
        }
    }

    @Test
    void one_users_private_answer_is_never_served_to_another_not_even_to_concurrent_ones() throws Exception {
        try (EdgeHarness h = new EdgeHarness()) {
            // The classic CDN leak: /api/me says whose it is, and says so with "private".
            h.origin.answer(
                    "/api/me",
                    200,
                    Map.of("Cache-Control", "private, max-age=600", "Content-Type", "application/json"),
                    ctx -> "{\"user\": \"" + ctx.cookie("session") + "\"}");
            h.origin.delay(Duration.ofMillis(200));
            ExecutorService clients = Executors.newFixedThreadPool(20);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EdgeHarness.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String user = "user" + i;
                    answers.add(clients.submit(() -> {
                        start.await();
                        return h.get("/api/me", "Cookie", "session=" + user);
                    }));
                }
                start.countDown();
                for (int i = 0; i < 20; i++) {
                    EdgeHarness.Response r = answers.get(i).get(20, TimeUnit.SECONDS);
                    assertThat(r.body())
                            .as("user%d's /api/me through the edge, with 19 others at once: %s", i, r)
                            .isEqualTo("{\"user\": \"user" + i + "\"}");
                }
            } finally {
                clients.shutdownNow();
            }
            EdgeHarness.Response later = h.get("/api/me", "Cookie", "session=mallory");
            assertThat(later.body()).as("%s", later).isEqualTo("{\"user\": \"mallory\"}");
            assertThat(h.edge.storedResponses()).as("private answers stored").isZero();
        }
    }

    @Test
    void the_query_is_part_of_the_key() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/assets/app.css?v=1", 200, YEAR, "version 1");
            h.origin.answer("/assets/app.css?v=2", 200, YEAR, "version 2");
            h.origin.answer("/assets/app.css", 200, YEAR, "no version");

            for (int round = 0; round < 2; round++) {
                assertThat(h.get("/assets/app.css?v=1").body()).as("?v=1").isEqualTo("version 1");
                assertThat(h.get("/assets/app.css?v=2").body()).as("?v=2").isEqualTo("version 2");
                assertThat(h.get("/assets/app.css").body()).as("no query").isEqualTo("no version");
            }

            assertThat(h.origin.requests())
                    .as("origin requests for 3 URLs asked twice each (one fetch per URL)")
                    .isEqualTo(3);
        }
    }

    @Test
    void a_copy_is_fresh_for_max_age_and_no_longer() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/news.json", 200, Map.of("Cache-Control", "public, max-age=10"), "old news");
            h.get("/news.json");
            h.clock.advance(Duration.ofSeconds(9));
            EdgeHarness.Response fresh = h.get("/news.json");
            h.origin.answer("/news.json", 200, Map.of("Cache-Control", "public, max-age=10"), "new news");
            h.clock.advance(Duration.ofSeconds(2));
            EdgeHarness.Response expired = h.get("/news.json");

            assertThat(fresh.xCache()).as("9 s into max-age=10: %s", fresh).isEqualTo("HIT");
            assertThat(expired.body())
                    .as("11 s into max-age=10 the origin is asked again: %s", expired)
                    .isEqualTo("new news");
            assertThat(h.origin.received("/news.json")).as("origin requests").hasSize(2);
        }
    }

    @Test
    void s_maxage_is_the_lifetime_for_a_shared_cache() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/long", 200, Map.of("Cache-Control", "public, max-age=1, s-maxage=60"), "long");
            h.origin.answer("/short", 200, Map.of("Cache-Control", "public, max-age=600, s-maxage=5"), "short");
            h.get("/long");
            h.get("/short");
            h.clock.advance(Duration.ofSeconds(30));
            EdgeHarness.Response longer = h.get("/long");
            EdgeHarness.Response shorter = h.get("/short");

            assertThat(longer.xCache())
                    .as("max-age=1, s-maxage=60, 30 s later: the edge keeps it for s-maxage: %s", longer)
                    .isEqualTo("HIT");
            assertThat(h.origin.received("/short"))
                    .as("max-age=600, s-maxage=5, 30 s later: the edge asks again (%s)", shorter)
                    .hasSize(2);
        }
    }

    @Test
    void each_variant_named_by_vary_is_kept_apart() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer(
                    "/hello",
                    200,
                    Map.of("Cache-Control", "public, max-age=600", "Vary", "Accept-Language"),
                    ctx -> "fr".equals(ctx.header("Accept-Language")) ? "bonjour" : "hello");

            EdgeHarness.Response fr = h.get("/hello", "Accept-Language", "fr");
            EdgeHarness.Response en = h.get("/hello", "Accept-Language", "en");
            EdgeHarness.Response frAgain = h.get("/hello", "Accept-Language", "fr");

            assertThat(List.of(fr.body(), en.body(), frAgain.body()))
                    .as("fr, en, fr again")
                    .containsExactly("bonjour", "hello", "bonjour");
            assertThat(frAgain.xCache()).as("%s", frAgain).isEqualTo("HIT");
            assertThat(h.origin.received("/hello")).as("origin requests").hasSize(2);
        }
    }

    @Test
    void each_request_gets_its_own_key_when_many_threads_ask_at_once() throws InterruptedException {
        List<List<String[]>> requests = new ArrayList<>();
        List<List<String>> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<String[]> own = List.of(
                    new String[] {"/assets/file-" + t + ".css", null},
                    new String[] {"/assets/file-" + t + ".css", "v=" + t},
                    new String[] {"/img/" + t + "/logo.png", "size=" + t + "&dark=1"});
            requests.add(own);
            alone.add(own.stream().map(r -> EdgeRules.cacheKey(r[0], r[1])).toList());
        }
        List<String> wrong = atOnce(20_000, (thread, round) -> {
            String[] request = requests.get(thread).get(round % 3);
            String key = EdgeRules.cacheKey(request[0], request[1]);
            String expected = alone.get(thread).get(round % 3);
            return expected.equals(key)
                    ? null
                    : request[0] + " ? " + request[1] + ": key " + key + ", alone " + expected;
        });
        assertThat(wrong.size())
                .as(
                        "cache keys that %d threads made at once (the edge serves many requests at once), each"
                                + " for its own URLs 20,000 times, that differ from the key made alone; the first: %s",
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
