package dev.snapshots.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Exercise 6.4, counted at the origin: a stale copy is revalidated with {@code If-None-Match}, a
 * {@code 304} refreshes it without a body, and a failed origin is covered by a stale copy for as
 * long as {@code stale-if-error} allows, and no longer.
 */
@DisplayName(
        "Carried from step 06 · Stale copies are revalidated (304), and stand in for a failed origin within stale-if-error")
class RevalidationTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

    private static final String BODY = "x".repeat(5_000);

    @Test
    void an_expired_copy_is_revalidated_with_its_etag_and_a_304_costs_no_body() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/app.css", 200, Map.of("Cache-Control", "public, max-age=10", "ETag", "\"v1\""), BODY);
            h.get("/app.css");
            long bytesBefore = h.edge.originBodyBytes();
            h.clock.advance(Duration.ofSeconds(11));

            EdgeHarness.Response revalidated = h.get("/app.css");
            EdgeHarness.Response next = h.get("/app.css");

            assertThat(h.origin.received("/app.css"))
                    .as("origin requests: the first fetch, then one revalidation")
                    .hasSize(2);
            assertThat(h.origin.received("/app.css").get(1).header("If-None-Match"))
                    .as("If-None-Match of the edge's second request, for a stale copy with ETag \"v1\"")
                    .isEqualTo("\"v1\"");
            assertThat(h.edge.originBodyBytes() - bytesBefore)
                    .as("body bytes from the origin for the revalidation (it answered 304)")
                    .isZero();
            assertThat(revalidated.status()).as("%s", revalidated).isEqualTo(200);
            assertThat(revalidated.body())
                    .as("the client gets the whole stored body")
                    .isEqualTo(BODY);
            assertThat(revalidated.xCache()).as("%s", revalidated).isEqualTo("REVALIDATED");
            assertThat(revalidated.header("Age"))
                    .as("a copy revalidated just now: %s", revalidated)
                    .isEqualTo("0");
            assertThat(next.xCache())
                    .as("the request after a revalidation finds a fresh copy again: %s", next)
                    .isEqualTo("HIT");
        }
    }

    @Test
    void the_headers_of_the_304_update_the_stored_copy() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/feed", 200, Map.of("Cache-Control", "public, max-age=10", "ETag", "\"f\""), "the feed");
            h.get("/feed");
            // The origin now gives the same version a longer life; its 304 says so.
            h.origin.answer("/feed", 200, Map.of("Cache-Control", "public, max-age=100", "ETag", "\"f\""), "the feed");
            h.clock.advance(Duration.ofSeconds(11));
            h.get("/feed");
            h.clock.advance(Duration.ofSeconds(50));

            EdgeHarness.Response later = h.get("/feed");

            assertThat(later.xCache())
                    .as("50 s after a 304 that said max-age=100: %s", later)
                    .isEqualTo("HIT");
            assertThat(later.header("Cache-Control")).as("%s", later).isEqualTo("public, max-age=100");
            assertThat(later.body()).as("%s", later).isEqualTo("the feed");
        }
    }

    @Test
    void a_changed_resource_replaces_the_stale_copy() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/about", 200, Map.of("Cache-Control", "public, max-age=10", "ETag", "\"1\""), "one");
            h.get("/about");
            h.origin.answer("/about", 200, Map.of("Cache-Control", "public, max-age=10", "ETag", "\"2\""), "two");
            h.clock.advance(Duration.ofSeconds(11));

            EdgeHarness.Response changed = h.get("/about");
            EdgeHarness.Response again = h.get("/about");

            assertThat(changed.body()).as("%s", changed).isEqualTo("two");
            assertThat(again.body()).as("%s", again).isEqualTo("two");
            assertThat(again.xCache()).as("%s", again).isEqualTo("HIT");
        }
    }

    @Test
    void a_304_whose_headers_now_forbid_keeping_the_copy_drops_it() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/me.json", 200, Map.of("Cache-Control", "public, max-age=10", "ETag", "\"m\""), "me");
            h.get("/me.json");
            h.origin.answer("/me.json", 200, Map.of("Cache-Control", "private, max-age=10", "ETag", "\"m\""), "me");
            h.clock.advance(Duration.ofSeconds(11));

            EdgeHarness.Response revalidated = h.get("/me.json");
            EdgeHarness.Response next = h.get("/me.json");

            assertThat(revalidated.body()).as("%s", revalidated).isEqualTo("me");
            assertThat(h.origin.received("/me.json"))
                    .as("origin requests: a fetch, a revalidation answered 304 with \"private\", then a fetch")
                    .hasSize(3);
            assertThat(h.origin.received("/me.json").get(2).header("If-None-Match"))
                    .as("the copy is gone, so the third request is not conditional (%s)", next)
                    .isNull();
        }
    }

    @Test
    void no_cache_means_stored_but_revalidated_before_every_use() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer("/index.html", 200, Map.of("Cache-Control", "no-cache", "ETag", "\"page\""), BODY);
            h.get("/index.html");
            long bytesAfterFirst = h.edge.originBodyBytes();

            for (int i = 0; i < 5; i++) {
                EdgeHarness.Response r = h.get("/index.html");
                assertThat(r.xCache())
                        .as("request %d of a no-cache page: %s", i + 2, r)
                        .isEqualTo("REVALIDATED");
                assertThat(r.body()).as("%s", r).isEqualTo(BODY);
            }

            assertThat(h.origin.received("/index.html"))
                    .as("origin requests for 6 requests")
                    .hasSize(6);
            assertThat(h.edge.originBodyBytes() - bytesAfterFirst)
                    .as("body bytes from the origin for 5 revalidations")
                    .isZero();
        }
    }

    @Test
    void a_failed_origin_is_covered_by_a_stale_copy_within_stale_if_error_and_no_longer() {
        try (EdgeHarness h = new EdgeHarness()) {
            h.origin.answer(
                    "/logo.png",
                    200,
                    Map.of("Cache-Control", "public, max-age=10, stale-if-error=60", "ETag", "\"l\""),
                    "logo");
            h.get("/logo.png");
            h.origin.answer("/logo.png", 503, Map.of(), "{\"error\": \"down\"}");

            h.clock.advance(Duration.ofSeconds(65));
            EdgeHarness.Response stale = h.get("/logo.png");
            h.clock.advance(Duration.ofSeconds(10));
            EdgeHarness.Response tooStale = h.get("/logo.png");

            assertThat(stale.status())
                    .as("65 s after a copy with max-age=10, stale-if-error=60, origin failing: %s", stale)
                    .isEqualTo(200);
            assertThat(stale.body()).as("%s", stale).isEqualTo("logo");
            assertThat(stale.xCache()).as("%s", stale).isEqualTo("STALE");
            assertThat(tooStale.status())
                    .as("75 s after it (past max-age + stale-if-error), origin failing: %s", tooStale)
                    .isEqualTo(503);
        }
    }

    @Test
    void an_origin_that_is_gone_is_covered_too_and_without_stale_if_error_nothing_is() {
        EdgeHarness h = new EdgeHarness();
        try (h) {
            h.origin.answer(
                    "/kept.css", 200, Map.of("Cache-Control", "public, max-age=10, stale-if-error=300"), "kept");
            h.origin.answer("/strict.css", 200, Map.of("Cache-Control", "public, max-age=10"), "strict");
            h.get("/kept.css");
            h.get("/strict.css");
            h.origin.close();
            h.clock.advance(Duration.ofSeconds(30));

            EdgeHarness.Response kept = h.get("/kept.css");
            EdgeHarness.Response strict = h.get("/strict.css");
            EdgeHarness.Response never = h.get("/never-fetched.css");

            assertThat(kept.status())
                    .as("origin gone, within stale-if-error: %s", kept)
                    .isEqualTo(200);
            assertThat(kept.body()).as("%s", kept).isEqualTo("kept");
            assertThat(strict.status())
                    .as("origin gone, a stale copy without stale-if-error is not served: %s", strict)
                    .isEqualTo(502);
            assertThat(strict.header("Content-Type")).as("%s", strict).startsWith("application/json");
            assertThat(never.status())
                    .as("origin gone, nothing stored: %s", never)
                    .isEqualTo(502);
        }
    }

    @Test
    void each_refreshed_copy_keeps_its_own_headers_when_many_threads_refresh_at_once() throws InterruptedException {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        List<StoredResponse> stale = new ArrayList<>();
        List<HttpHeaders> notModified = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            stale.add(new StoredResponse(
                    "/file-" + t,
                    Map.of(),
                    200,
                    HttpHeaders.of(
                            Map.of(
                                    "ETag", List.of("\"v" + t + "\""),
                                    "Content-Type", List.of("text/x-" + t),
                                    "Cache-Control", List.of("max-age=10")),
                            (name, value) -> true),
                    ("body " + t).getBytes(StandardCharsets.UTF_8),
                    now.minusSeconds(60),
                    Duration.ofSeconds(10)));
            notModified.add(HttpHeaders.of(
                    Map.of("Cache-Control", List.of("max-age=" + (100 + t)), "ETag", List.of("\"v" + t + "\"")),
                    (name, value) -> true));
            alone.add(describe(Revalidation.refreshed(stale.get(t), notModified.get(t), now)));
        }
        List<String> wrong = atOnce(5_000, (thread, round) -> {
            String refreshed = describe(Revalidation.refreshed(stale.get(thread), notModified.get(thread), now));
            return refreshed.equals(alone.get(thread)) ? null : refreshed + ", alone " + alone.get(thread);
        });
        assertThat(wrong.size())
                .as(
                        "copies that %d threads refreshed at once (the edge revalidates many URLs at once), each"
                                + " its own 5,000 times, that differ from the copy refreshed alone; the first: %s",
                        THREADS, wrong.stream().limit(3).toList())
                .isZero();
    }

    private static String describe(StoredResponse copy) {
        return copy.target() + " " + new TreeMap<>(copy.headers().map()) + " received " + copy.receivedAt()
                + " fresh for " + copy.freshFor();
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
