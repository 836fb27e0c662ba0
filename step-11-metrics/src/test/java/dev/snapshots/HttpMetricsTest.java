package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.HttpMetrics;
import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.ServerMetrics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("11.1")
@DisplayName(
        "11.1 One timer per route template, method and status class, with a histogram: 1,000 user ids are one series, and no client can make new ones")
class HttpMetricsTest {

    private static final String COUNT = "http_server_requests_seconds_count";
    private static final DnsRegistry DNS = new DnsRegistry();
    private static final String WEB = "web-1.snapshots.test";
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(1).loadBalancer().start();
        // The web server by a name of its own: the balancer in front would add nothing here but time.
        DNS.register(WEB, topology.web().servers().get(0).address());
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static Samples web() {
        return MetricsClient.scrape(topology.web().servers().get(0).address(), topology.metricsToken());
    }

    @Test
    void a_thousand_user_ids_make_one_series_of_the_route_template() throws Exception {
        double before = web().sum(COUNT, Map.of("route", "/api/users/{id}", "status", "4xx", "method", "GET"));
        // Four clients at once: the server's answer is the same, the test's wait shorter.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int id = 1; id <= 1_000; id++) {
                String url = "http://" + WEB + "/api/users/" + (500_000 + id);
                answers.add(clients.submit(() -> client.get(url).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(25, TimeUnit.SECONDS))
                        .as("11.1: GET of a user who does not exist")
                        .isEqualTo(404);
            }
        } finally {
            clients.shutdownNow();
        }
        Samples samples = web();
        List<Samples.Sample> users = samples.matching(COUNT, Map.of()).stream()
                .filter(s -> s.labels().getOrDefault("route", "").contains("users"))
                .toList();
        assertThat(users)
                .as(
                        "11.1: the %s series about users after 1,000 GETs of 1,000 ids: one, labelled with the route"
                                + " template",
                        COUNT)
                .hasSize(1);
        assertThat(users.get(0).labels())
                .as("11.1: its labels")
                .containsEntry("route", "/api/users/{id}")
                .containsEntry("method", "GET")
                .containsEntry("status", "4xx");
        assertThat(users.get(0).value() - before)
                .as("11.1: requests it counted")
                .isEqualTo(1_000);
        assertThat(samples.matching("http_server_requests_seconds_bucket", Map.of("route", "/api/users/{id}")))
                .as("11.1: its histogram's buckets (_bucket series), so that p99 can be computed across servers")
                .hasSizeGreaterThan(10);
    }

    @Test
    void status_classes_and_methods_are_labelled_as_agreed() {
        SiteClient.Response created = client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"M\", \"email\": \"metrics-" + System.nanoTime()
                        + "@example.com\", \"password\": \"correct horse\"}");
        assertThat(created.status()).as("11.1: sign-up: %s", created).isEqualTo(201);
        client.get("http://snapshots.test" + created.header("Location"));
        Samples samples = web();
        assertThat(samples.sum(COUNT, Map.of("route", "/api/users", "method", "POST", "status", "2xx")))
                .as("11.1: POST /api/users answered 201, as method=POST, route=/api/users, status=2xx")
                .isGreaterThanOrEqualTo(1);
        assertThat(samples.sum(COUNT, Map.of("route", "/api/users/{id}", "method", "GET", "status", "2xx")))
                .as("11.1: GET /api/users/{id} answered 200, as status=2xx")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void paths_methods_and_headers_chosen_by_a_client_make_no_new_series() throws Exception {
        InetSocketAddress web = topology.web().servers().get(0).address();
        Samples first = web();
        int before = first.matching(COUNT, Map.of()).size();
        double notFoundBefore = first.sum(COUNT, Map.of("route", HttpMetrics.NOT_FOUND));
        for (int i = 0; i < 100; i++) {
            client.get("http://" + WEB + "/probe-" + i + "/../admin?x=" + i);
            client.send(
                    HttpRequest.newBuilder(client.resolve("http://" + WEB + "/api/users/" + (900_000 + i)))
                            .header("X-Forwarded-For", "10.0." + i + ".1")
                            .header("User-Agent", "scanner-" + i)
                            .GET(),
                    "GET with odd headers");
        }
        for (String method : List.of("PROPFIND", "FOO", "TRACE", "get")) {
            RawHttp.exchange(web, method, "/api/users/1", "", new byte[0]);
        }
        Samples samples = web();
        List<Samples.Sample> series = samples.matching(COUNT, Map.of());
        assertThat(samples.sum(COUNT, Map.of("route", HttpMetrics.NOT_FOUND)) - notFoundBefore)
                .as("11.1: requests counted under route=%s after 100 paths no route matches", HttpMetrics.NOT_FOUND)
                .isGreaterThanOrEqualTo(100);
        assertThat(series.size() - before)
                .as(
                        "11.1: new %s series after 100 odd paths, 100 odd headers and 4 odd methods (all series: %s)",
                        COUNT, series.stream().map(Samples.Sample::labels).collect(Collectors.toList()))
                .isLessThanOrEqualTo(2);
        assertThat(series)
                .as(
                        "11.1: every route label is a template or %s, every method one of %s or %s",
                        HttpMetrics.NOT_FOUND, HttpMetrics.METHODS, HttpMetrics.OTHER)
                .allSatisfy(sample -> {
                    assertThat(sample.labels().get("route"))
                            .doesNotContain("probe")
                            .doesNotContain("900");
                    assertThat(sample.labels().get("method"))
                            .isIn("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", HttpMetrics.OTHER);
                    assertThat(sample.labels().get("status")).matches("[1-5]xx");
                });
    }

    @Test
    void the_time_recorded_is_the_requests_own_in_seconds_and_failures_are_timed_too() throws Exception {
        // A server of the test's own: a route that works at least 5 ms by the server's own sleep, one that fails.
        try (ServerMetrics metrics = new ServerMetrics("web", ServerMetrics.newToken());
                Server server = Server.start(metrics)) {
            int requests = 5;
            long started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                assertThat(server.get("/work/" + i)).as("11.1: GET /work/%d", i).isEqualTo(200);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/fail")).as("11.1: GET /fail").isEqualTo(503);
            }
            Timer work = timer(metrics.registry(), "/work/{n}", "2xx");
            assertThat(work)
                    .as("11.1: the timer of GET /work/{n} (2xx) after %d requests", requests)
                    .isNotNull();
            assertThat(work.count())
                    .as("11.1: requests counted by GET /work/{n}'s timer")
                    .isEqualTo(requests);
            assertThat(work.totalTime(TimeUnit.SECONDS))
                    .as(
                            "11.1: seconds recorded for %d requests that each took at least 5 ms, and all %.3f s by the"
                                    + " client's clock (a unit slipped?)",
                            requests, elapsed)
                    .isBetween(requests * 0.005, elapsed);
            Timer failed = timer(metrics.registry(), "/fail", "5xx");
            assertThat(failed == null ? 0 : failed.count())
                    .as("11.1: requests answered 503 counted under route=/fail, status=5xx (3 sent)")
                    .isEqualTo(3);
        }
    }

    @Test
    void each_servers_requests_are_counted_in_its_own_registry_only() throws Exception {
        try (ServerMetrics first = new ServerMetrics("web", ServerMetrics.newToken());
                ServerMetrics second = new ServerMetrics("web", ServerMetrics.newToken());
                Server one = Server.start(first);
                Server two = Server.start(second)) {
            for (int i = 0; i < 3; i++) {
                assertThat(one.get("/work/" + i)).isEqualTo(200);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(two.get("/work/" + i)).isEqualTo(200);
            }
            Timer firstTimer = timer(first.registry(), "/work/{n}", "2xx");
            Timer secondTimer = timer(second.registry(), "/work/{n}", "2xx");
            assertThat(new double[] {
                        firstTimer == null ? 0 : firstTimer.count(), secondTimer == null ? 0 : secondTimer.count()
                    })
                    .as("11.1: requests counted by two servers' registries, the first sent 3 and the second 2")
                    .containsExactly(3, 2);
        }
    }

    private static Timer timer(MeterRegistry registry, String route, String status) {
        return registry.find(HttpMetrics.TIMER)
                .tags("method", "GET", "route", route, "status", status)
                .timer();
    }

    /** A Javalin server of the test's own, timed by {@code metrics} as the site's servers are. */
    private record Server(Javalin app, HttpClient http) implements AutoCloseable {

        static Server start(ServerMetrics metrics) {
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                metrics.install(config);
                config.routes.get("/work/{n}", ctx -> {
                    Thread.sleep(5);
                    ctx.result("done");
                });
                config.routes.get("/fail", ctx -> ctx.status(503).result("unavailable"));
            });
            try {
                app.start("127.0.0.1", 0);
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
            return new Server(app, HttpClient.newHttpClient());
        }

        int get(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Override
        public void close() {
            app.stop();
        }
    }
}
