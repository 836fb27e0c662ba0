package dev.snapshots.cdn;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 6.5: only the purge token's holder drops copies; a purge drops exactly what it names. */
@DisplayName(
        "Carried from step 06 · Purge: the token's holder drops one URL or a prefix, and nobody else drops anything")
class PurgeTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

    private static final Map<String, String> YEAR = Map.of("Cache-Control", "public, max-age=31536000");
    private static final List<String> URLS = List.of(
            "/assets/a.css", "/assets/a.css?v=2", "/assets/a.css.map", "/assets/b.css", "/img/x.png", "/x/assets/y");

    private static void storeAll(EdgeHarness h) {
        for (String url : URLS) {
            h.origin.answer(url, 200, YEAR, "content of " + url);
            h.get(url);
        }
    }

    /** The URLs whose next request reaches the origin again: the ones the purge dropped. */
    private static List<String> refetched(EdgeHarness h) {
        return URLS.stream()
                .filter(url -> {
                    h.get(url);
                    return h.origin.received(url).size() > 1;
                })
                .toList();
    }

    @Test
    void without_the_token_a_purge_is_refused_and_drops_nothing() {
        try (EdgeHarness h = new EdgeHarness()) {
            storeAll(h);
            for (String authorization : new String[] {
                null,
                "",
                "Bearer",
                "Bearer ",
                "Bearer wrong",
                EdgeHarness.TOKEN,
                "Bearer " + EdgeHarness.TOKEN + "x",
                "Bearer " + EdgeHarness.TOKEN.substring(0, EdgeHarness.TOKEN.length() - 1),
                "xBearer " + EdgeHarness.TOKEN,
                "Basic " + EdgeHarness.TOKEN
            }) {
                EdgeHarness.Response refused = h.purge("prefix=/", authorization);
                assertThat(refused.status()).as("%s", refused).isEqualTo(401);
                assertThat(refused.header("Content-Type")).as("%s", refused).startsWith("application/json");
            }

            assertThat(refetched(h)).as("URLs refused purges dropped").isEmpty();
        }
    }

    @Test
    void a_url_purge_drops_that_url_only() {
        try (EdgeHarness h = new EdgeHarness()) {
            storeAll(h);

            EdgeHarness.Response purged = h.purge("url=/assets/a.css", "Bearer " + EdgeHarness.TOKEN);

            assertThat(purged.status()).as("%s", purged).isEqualTo(200);
            assertThat(refetched(h))
                    .as("URLs dropped by a purge of url=/assets/a.css")
                    .containsExactly("/assets/a.css");
        }
    }

    @Test
    void a_prefix_purge_drops_every_url_under_it_and_nothing_else() {
        try (EdgeHarness h = new EdgeHarness()) {
            storeAll(h);

            EdgeHarness.Response purged = h.purge("prefix=/assets/", "Bearer " + EdgeHarness.TOKEN);

            assertThat(purged.status()).as("%s", purged).isEqualTo(200);
            assertThat(refetched(h))
                    .as("URLs dropped by a purge of prefix=/assets/")
                    .containsExactly("/assets/a.css", "/assets/a.css?v=2", "/assets/a.css.map", "/assets/b.css");
        }
    }

    @Test
    void a_purge_that_names_nothing_or_two_things_is_a_400() {
        try (EdgeHarness h = new EdgeHarness()) {
            for (String query : List.of("", "url=", "url=assets/a.css", "url=/a&prefix=/b", "other=/a")) {
                EdgeHarness.Response bad = h.purge(query, "Bearer " + EdgeHarness.TOKEN);
                assertThat(bad.status()).as("%s", bad).isEqualTo(400);
                assertThat(bad.header("Content-Type")).as("%s", bad).startsWith("application/json");
            }
        }
    }

    @Test
    void each_purge_is_judged_on_its_own_header_when_many_threads_ask_at_once() throws InterruptedException {
        String token = "Zm9vYmFyLXRoZS1wdXJnZS10b2tlbi1vZi10aGlzLXJ1bg";
        List<String> headers = new ArrayList<>();
        List<Boolean> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String header = t % 2 == 0 ? "Bearer " + token : "Bearer " + token.substring(0, 40) + "guess" + t;
            headers.add(header);
            alone.add(Purge.authorized(header, token));
        }
        List<String> wrong = atOnce(20_000, (thread, round) -> {
            boolean authorized = Purge.authorized(headers.get(thread), token);
            return authorized == alone.get(thread) ? null : headers.get(thread) + ": " + authorized;
        });
        assertThat(alone)
                .as("the right token, then wrong ones, each judged alone")
                .containsExactly(true, false, true, false, true, false, true, false);
        assertThat(wrong.size())
                .as(
                        "purges that %d threads judged at once (half with the token, half with guesses), 20,000"
                                + " each, whose verdict differs from the header's judged alone; the first: %s",
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
