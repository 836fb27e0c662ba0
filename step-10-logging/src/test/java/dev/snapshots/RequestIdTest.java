package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.StreamEntry;

@Tag("10.1")
@DisplayName(
        "10.1 A request gets a new id at the edge, never a client's (a well-formed one is logged beside it); it is echoed, and goes on to the web tier and the queue")
class RequestIdTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .queue(0, QueueSettings.defaults(), Duration.ZERO)
                .start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void a_well_formed_id_is_kept_as_it_is() {
        for (String good : List.of(
                "abc12345",
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "123e4567-e89b-12d3-a456-426614174000",
                "req.2026-11-29:edge_7",
                "a".repeat(RequestIds.MAX_LENGTH))) {
            assertThat(RequestIds.atEdge(good))
                    .as("10.1: the id for a request that came with the well-formed id %s", shorten(good))
                    .isEqualTo(good);
        }
    }

    @Test
    void a_missing_or_malformed_id_is_replaced_by_a_new_well_formed_one() {
        String tenKilobytes = "x".repeat(10 * 1024);
        for (String bad : java.util.Arrays.asList(
                null,
                "",
                "        ",
                "short",
                "abc12345\r\nX-Forged: 1",
                "abc12345\n",
                " abc12345",
                "abc 12345",
                "abc12345\" injected=\"1",
                "<script>alert(1)</script>",
                "ünïcödé-1234",
                "a".repeat(RequestIds.MAX_LENGTH + 1),
                tenKilobytes)) {
            String id = RequestIds.atEdge(bad);
            assertThat(id)
                    .as("10.1: the id for a request that came with %s", describe(bad))
                    .isNotNull()
                    .matches(RequestIds.WELL_FORMED);
            if (bad != null) {
                assertThat(id)
                        .as("10.1: the id for a request that came with %s: replaced, not repaired", describe(bad))
                        .isNotEqualTo(bad)
                        .isNotEqualTo(bad.strip())
                        .doesNotContain("abc12345")
                        .doesNotContain("xxxxxxxx");
            }
        }
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            fresh.add(RequestIds.atEdge(null));
        }
        assertThat(fresh)
                .as("10.1: distinct ids among 1,000 made for requests that came without one")
                .hasSize(1_000);
    }

    @Test
    void new_ids_made_at_once_on_many_threads_are_distinct_and_unpredictable() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(RequestIds.atEdge(null));
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            int closePairs = 0;
            String closeExample = null;
            for (Future<List<String>> future : made) {
                List<String> ids = future.get(20, TimeUnit.SECONDS);
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    assertThat(id)
                            .as("10.1: an id made for a request without one, on one of %d threads at once", threads)
                            .isNotNull()
                            .matches(RequestIds.WELL_FORMED);
                    distinct.add(id);
                    // Random ids differ in nearly every position; a counter's or a clock's differ in a few.
                    if (i > 0 && differingPositions(ids.get(i - 1), id) < 16) {
                        closePairs++;
                        closeExample = ids.get(i - 1) + " then " + id;
                    }
                }
            }
            assertThat(distinct.size())
                    .as(
                            "10.1: distinct ids among %d made at once by %d threads (each thread %d)",
                            threads * perThread, threads, perThread)
                    .isEqualTo(threads * perThread);
            assertThat(closePairs)
                    .as(
                            "10.1: ids made one after the other that differ in fewer than 16 positions (guessable"
                                    + " from the one before: a counter or a clock, not random bits), of %d; for"
                                    + " example %s",
                            threads * (perThread - 1), closeExample)
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static int differingPositions(String a, String b) {
        int differ = Math.abs(a.length() - b.length());
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                differ++;
            }
        }
        return differ;
    }

    @Test
    void the_balancer_echoes_each_request_its_own_id_and_never_takes_a_clients_for_it() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SiteClient.Response response = client.get("http://snapshots.test/api/users/" + (5_000 + i));
            String id = response.header(RequestIds.HEADER);
            assertThat(id)
                    .as("10.1: %s of a request sent without one: %s", RequestIds.HEADER, response)
                    .isNotNull()
                    .matches(RequestIds.WELL_FORMED);
            ids.add(id);
        }
        assertThat(ids).as("10.1: distinct ids echoed to 20 requests").hasSize(20);

        SiteClient.Response traced = withId("client-trace-0001");
        assertThat(traced.header(RequestIds.HEADER))
                .as(
                        "10.1: the id echoed to a client that sent a well-formed one of its own: ours, not the client's"
                                + " (which would let it file its lines under another request's id): %s",
                        traced)
                .isNotNull()
                .matches(RequestIds.WELL_FORMED)
                .isNotEqualTo("client-trace-0001");

        for (String forged : List.of(
                "x".repeat(10 * 1024), "x".repeat(1_000), "abc 12345 \"forged\"", "<img src=x onerror=alert(1)>")) {
            SiteClient.Response response = withId(forged);
            assertThat(response.status())
                    .as("10.1: a request with a forged id: %s", response)
                    .isEqualTo(404);
            assertThat(response.headers(RequestIds.HEADER))
                    .as("10.1: the ids echoed to a request that came with %s", describe(forged))
                    .hasSize(1)
                    .allSatisfy(
                            id -> assertThat(id).matches(RequestIds.WELL_FORMED).isNotEqualTo(forged));
        }
    }

    @Test
    void a_clients_well_formed_id_is_logged_beside_ours_and_a_forged_one_nowhere() {
        String balancer = topology.loadBalancer().logHost();
        try (CapturedLines lines = CapturedLines.ofHostsStartingWith(balancer)) {
            SiteClient.Response traced = withId("client-trace-0002");
            SiteClient.Response forged = withId("forged id 0002");
            for (SiteClient.Response response : List.of(traced, forged)) {
                assertThat(response.header(RequestIds.HEADER))
                        .as("10.1: the id echoed to %s", response)
                        .isNotNull();
            }
            CapturedLines.Line tracedLine = accessLine(lines, balancer, traced.header(RequestIds.HEADER));
            assertThat(tracedLine.context().get(LogFields.CLIENT_REQUEST_ID))
                    .as(
                            "10.1: %s in the balancer's line for a request that came with the well-formed id"
                                    + " client-trace-0002 (so the client finds our lines with its own id): %s",
                            LogFields.CLIENT_REQUEST_ID, tracedLine)
                    .isEqualTo("client-trace-0002");
            CapturedLines.Line forgedLine = accessLine(lines, balancer, forged.header(RequestIds.HEADER));
            assertThat(forgedLine.context())
                    .as("10.1: the balancer's line for a request that came with \"forged id 0002\": %s", forgedLine)
                    .doesNotContainKey(LogFields.CLIENT_REQUEST_ID)
                    .doesNotContainValue("forged id 0002");
        }
    }

    @Test
    void a_web_server_reached_directly_takes_no_clients_id_for_its_own() throws Exception {
        InetSocketAddress webServer = topology.web().servers().get(0).address();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webServer.getPort() + "/api/users/777777"))
                        .header(RequestIds.HEADER, "direct-trace-0001")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.headers().firstValue(RequestIds.HEADER).orElse(null))
                .as(
                        "10.1: the id a web server reached straight, not through the balancer, echoes to a request"
                                + " that came with direct-trace-0001 (only the balancer's id is kept; it proves"
                                + " itself with BalancerProof): %d %s",
                        answer.statusCode(), answer.body())
                .isNotNull()
                .matches(RequestIds.WELL_FORMED)
                .isNotEqualTo("direct-trace-0001");
    }

    /** The access line {@code host} wrote for the request with id {@code id} (written after the answer). */
    private static CapturedLines.Line accessLine(CapturedLines lines, String host, String id) {
        await("10.1: the balancer's access line for request " + id)
                .atMost(Duration.ofSeconds(5))
                .until(() -> lines.lines().stream()
                        .anyMatch(line -> id.equals(line.requestId())
                                && host.equals(line.context().get(LogFields.HOST))));
        return lines.lines().stream()
                .filter(line -> id.equals(line.requestId())
                        && host.equals(line.context().get(LogFields.HOST)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void an_uploads_id_reaches_the_web_server_and_its_job_on_the_queue() {
        SiteClient.Response anonymous = upload(null);
        SiteClient.Response traced = upload("upload-trace-0042");
        SiteClient.Response forged = upload("forged id with spaces");
        assertThat(List.of(anonymous, traced, forged))
                .as("10.1: the uploads")
                .allSatisfy(upload -> assertThat(upload.status()).isEqualTo(202));

        assertThat(jobRequestId(anonymous))
                .as(
                        "10.1: the request id in the job of an upload sent without one (its answer said %s)",
                        anonymous.header(RequestIds.HEADER))
                .isNotNull()
                .isEqualTo(anonymous.header(RequestIds.HEADER));
        assertThat(jobRequestId(traced))
                .as(
                        "10.1: the request id in the job of an upload sent with upload-trace-0042 (its answer said %s):"
                                + " the balancer's, not the client's",
                        traced.header(RequestIds.HEADER))
                .isNotNull()
                .isEqualTo(traced.header(RequestIds.HEADER))
                .isNotEqualTo("upload-trace-0042");
        assertThat(jobRequestId(forged))
                .as(
                        "10.1: the request id in the job of an upload sent with a forged one (its answer said %s)",
                        forged.header(RequestIds.HEADER))
                .isEqualTo(forged.header(RequestIds.HEADER))
                .isNotEqualTo("forged id with spaces");
    }

    private static SiteClient.Response withId(String id) {
        return client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/users/777777"))
                        .header(RequestIds.HEADER, id)
                        .GET(),
                "GET /api/users/777777 with " + describe(id));
    }

    private static SiteClient.Response upload(String id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/photos"))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(64, 48, 7)));
        if (id != null) {
            request.header(RequestIds.HEADER, id);
        }
        return client.send(request, "POST /api/photos with " + describe(id));
    }

    /** The {@code request} field of the job queued for the photo this upload answered with. */
    private static String jobRequestId(SiteClient.Response upload) {
        String photo = upload.json().path("id").asText();
        List<StreamEntry> jobs =
                topology.tier(PhotoProcessing.class).queue().jobQueue().redis().xrange(JobQueue.STREAM, "-", "+");
        return jobs.stream()
                .filter(job -> photo.equals(job.getFields().get("photo")))
                .findFirst()
                .map(job -> job.getFields().get("request"))
                .orElseThrow(() -> new AssertionError("10.1: no job queued for photo " + photo));
    }

    private static String describe(String id) {
        if (id == null) {
            return "no id";
        }
        return "\"" + shorten(id).replace("\r", "\\r").replace("\n", "\\n") + "\" (" + id.length() + " characters)";
    }

    private static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }
}
