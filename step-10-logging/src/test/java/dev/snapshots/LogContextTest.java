package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import dev.snapshots.queue.QueueSettings;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@Tag("10.2")
@DisplayName(
        "10.2 Every line carries its request's id: scopes put the context back as it was, tasks take theirs to other threads, jobs across the queue")
class LogContextTest {

    @AfterEach
    void clean() {
        MDC.clear();
    }

    @Test
    void a_scope_adds_its_fields_and_closing_it_restores_exactly_what_was_there() {
        MDC.put(LogFields.SERVICE, "web");
        MDC.put(LogFields.REQUEST_ID, "outer-request-1");
        LogContext.Scope request = LogContext.open(Map.of(LogFields.REQUEST_ID, "inner-request-2", "job", "job-7"));
        assertThat(MDC.getCopyOfContextMap())
                .as("10.2: the context inside a scope of request_id=inner-request-2, job=job-7")
                .isEqualTo(Map.of(LogFields.SERVICE, "web", LogFields.REQUEST_ID, "inner-request-2", "job", "job-7"));
        LogContext.Scope error = LogContext.open(Map.of(LogFields.ERROR_ID, "error-0001"));
        assertThat(MDC.get(LogFields.ERROR_ID))
                .as("10.2: error_id inside a nested scope")
                .isEqualTo("error-0001");
        error.close();
        assertThat(MDC.getCopyOfContextMap())
                .as("10.2: the context after closing the nested scope: as inside the outer one")
                .isEqualTo(Map.of(LogFields.SERVICE, "web", LogFields.REQUEST_ID, "inner-request-2", "job", "job-7"));
        request.close();
        assertThat(MDC.getCopyOfContextMap())
                .as("10.2: the context after closing both: as before them (request_id back to its old value,"
                        + " job gone, service untouched)")
                .isEqualTo(Map.of(LogFields.SERVICE, "web", LogFields.REQUEST_ID, "outer-request-1"));
    }

    @Test
    void a_carried_task_runs_with_its_callers_context_and_leaves_the_pool_threads_as_they_were() throws Exception {
        // Pool threads with a context of their own, as a server's threads have (service, host).
        ExecutorService pool = Executors.newFixedThreadPool(
                2,
                task -> new Thread(() -> {
                    MDC.put(LogFields.SERVICE, "pool");
                    task.run();
                }));
        try {
            List<Future<Map<String, String>>> seen = new ArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 200; i++) {
                LogContext.Scope scope = LogContext.open(Map.of(LogFields.REQUEST_ID, "request-" + i));
                Runnable task;
                try {
                    Map<String, String> observed = new HashMap<>();
                    int index = i;
                    task = LogContext.carry(() -> {
                        if (index == 0) {
                            waitFor(release);
                        }
                        observed.putAll(copy());
                        if (index % 10 == 3) {
                            throw new IllegalStateException("a task that fails (the context must be put back anyway)");
                        }
                    });
                    seen.add(pool.submit(task, observed));
                } finally {
                    scope.close();
                }
            }
            // The first task waited until every task was carried: each was made while its caller's scope was
            // open, and runs after that scope (and 199 others) closed.
            release.countDown();
            for (int i = 0; i < seen.size(); i++) {
                Map<String, String> observed;
                try {
                    observed = seen.get(i).get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException failedOnPurpose) {
                    continue;
                }
                assertThat(observed.get(LogFields.REQUEST_ID))
                        .as(
                                "10.2: request_id seen by the task carried from request-%d's scope (its whole context: %s)",
                                i, observed)
                        .isEqualTo("request-" + i);
            }
            for (int probe = 0; probe < 4; probe++) {
                Map<String, String> left = pool.submit(LogContextTest::copy).get(5, TimeUnit.SECONDS);
                assertThat(left)
                        .as("10.2: the context a pool thread has after running 200 carried tasks (some failed):"
                                + " its own again")
                        .isEqualTo(Map.of(LogFields.SERVICE, "pool"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_carried_task_sees_exactly_its_callers_context_and_nothing_of_the_pool() throws Exception {
        // A pool thread holding fields of its own and those a request left behind: none may reach the task.
        Map<String, String> poolOwn = Map.of(
                LogFields.SERVICE,
                "pool",
                LogFields.HOST,
                "pool-host",
                LogFields.REQUEST_ID,
                "stale-request-0001",
                "job",
                "stale-job");
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(() -> {
            MDC.setContextMap(poolOwn);
            task.run();
        }));
        try {
            List<Map<String, String>> callers = List.of(
                    Map.of(
                            LogFields.SERVICE, "web",
                            LogFields.HOST, "127.0.0.1:4242",
                            LogFields.REQUEST_ID, "carried-request-1",
                            LogFields.ERROR_ID, "carried-error-1"),
                    Map.of(LogFields.SERVICE, "web", LogFields.HOST, "127.0.0.1:4242"),
                    Map.of());
            for (Map<String, String> caller : callers) {
                MDC.clear();
                caller.forEach(MDC::put);
                Map<String, String> observed = new HashMap<>();
                Runnable task = LogContext.carry(() -> observed.putAll(copy()));
                MDC.clear();
                pool.submit(task).get(5, TimeUnit.SECONDS);
                assertThat(observed)
                        .as(
                                "10.2: the context a task saw, carried from a thread with %s to a pool thread with %s:"
                                        + " its caller's, all of it and only it",
                                caller, poolOwn)
                        .isEqualTo(caller);
                assertThat(pool.submit(LogContextTest::copy).get(5, TimeUnit.SECONDS))
                        .as("10.2: the pool thread's context after running a task carried from %s", caller)
                        .isEqualTo(poolOwn);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_carried_task_run_on_the_callers_own_thread_gives_it_back_its_context() {
        MDC.put(LogFields.SERVICE, "web");
        Runnable task;
        try (LogContext.Scope scope = LogContext.open(Map.of(LogFields.REQUEST_ID, "request-then"))) {
            task = LogContext.carry(() -> MDC.put("during", "yes"));
        }
        MDC.put(LogFields.REQUEST_ID, "request-now");
        task.run();
        assertThat(MDC.getCopyOfContextMap())
                .as("10.2: this thread's context after running, here, a task carried from another scope")
                .isEqualTo(Map.of(LogFields.SERVICE, "web", LogFields.REQUEST_ID, "request-now"));
    }

    @Test
    void a_workers_lines_carry_the_id_of_the_upload_that_queued_each_job_and_no_other() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(1)
                .loadBalancer()
                .queue(0, QueueSettings.defaults(), Duration.ZERO)
                .start()) {
            SiteClient client = new SiteClient(dns);
            Map<String, String> uploads = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                String requestId = "upload-context-" + i;
                SiteClient.Response upload = client.send(
                        HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/photos"))
                                .header("Content-Type", "image/png")
                                .header(RequestIds.HEADER, requestId)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(64, 48, i))),
                        "POST /api/photos with " + requestId);
                assertThat(upload.status()).as("10.2: upload %d: %s", i, upload).isEqualTo(202);
                // The id the request got at the balancer (echoed), never the client's own (exercise 10.1).
                String echoed = upload.header(RequestIds.HEADER);
                assertThat(echoed)
                        .as("10.2: the %s upload %d was answered with (needs exercise 10.1)", RequestIds.HEADER, i)
                        .isNotNull();
                uploads.put(upload.json().path("id").asText(), echoed);
            }
            // And one job no request queued (published here, with no context): its lines must have no id.
            String orphan = PhotoJobs.queue(topology, TestImages.png(64, 48, 99));

            try (CapturedLines lines = CapturedLines.ofHostsStartingWith("worker-ctx@")) {
                topology.tier(PhotoProcessing.class).workers().start("worker-ctx");
                List<String> all = new ArrayList<>(uploads.keySet());
                all.add(orphan);
                PhotoJobs.awaitDone(topology, all, Duration.ofSeconds(10), "10.2");
                await("10.2: the worker's last line")
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> lines.lines().stream()
                                .anyMatch(line -> line.message().startsWith("made ")
                                        && line.message().contains(orphan)));
                List<CapturedLines.Line> written = lines.lines();
                for (Map.Entry<String, String> upload : uploads.entrySet()) {
                    List<CapturedLines.Line> about = written.stream()
                            .filter(line -> line.message().contains(upload.getKey()))
                            .toList();
                    assertThat(about)
                            .as("10.2: the worker's lines about photo %s", upload.getKey())
                            .hasSizeGreaterThanOrEqualTo(2);
                    assertThat(about)
                            .as(
                                    "10.2: the worker's lines about the photo uploaded with request id %s",
                                    upload.getValue())
                            .allSatisfy(line -> assertThat(line.requestId()).isEqualTo(upload.getValue()));
                }
                assertThat(written.stream()
                                .filter(line -> line.message().contains(orphan))
                                .toList())
                        .as("10.2: the worker's lines about the photo queued with no request: no request id (one left"
                                + " over from an earlier job would be wrong)")
                        .isNotEmpty()
                        .allSatisfy(line -> assertThat(line.requestId()).isNull());
            }
        }
    }

    private static Map<String, String> copy() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null ? Map.of() : Map.copyOf(context);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
