package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.Draining;
import dev.snapshots.web.GracefulShutdown;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("12.2")
@DisplayName(
        "12.2 A graceful shutdown: out of rotation first, requests in flight finish (a slow upload gets its 201), not one request fails under load, and a stuck request cannot hold it forever")
class GracefulShutdownTest {

    /**
     * The fast settings, with room for a busy machine: a notice of a second, so that the balancer's
     * checks (every 25 ms, 2 failures to take a server out) have noticed long before it ends even when
     * they are scheduled late, and a drain limit of 10 s, so that a request in flight finishes however
     * slowly the machine answers it. A shutdown that goes well never waits for the drain limit.
     */
    private static final DeploySettings SETTINGS = new DeploySettings(
            Duration.ofMillis(25),
            2,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            20,
            0.05);

    /** For the stuck request, whose shutdown waits for the drain limit: one short enough to test, 700 ms. */
    private static final DeploySettings SHORT_DRAIN = new DeploySettings(
            Duration.ofMillis(25),
            2,
            1,
            Duration.ofMillis(120),
            Duration.ofMillis(700),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            20,
            0.05);

    /** How long the test waits for what should happen at once: room for a busy machine, not a promise. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .deploys(SETTINGS)
                .start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** Shuts {@code server} down on a thread of its own; what it threw, and when it returned, are kept. */
    private record Stopping(Thread thread, AtomicReference<Throwable> thrown, AtomicLong tookMillis) {

        static Stopping begin(WebServer server) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicLong took = new AtomicLong(-1);
            Thread thread = new Thread(
                    () -> {
                        long start = System.nanoTime();
                        try {
                            server.shutDownGracefully();
                        } catch (Throwable e) {
                            thrown.set(e);
                        } finally {
                            took.set((System.nanoTime() - start) / 1_000_000);
                        }
                    },
                    "graceful-shutdown-" + server.name());
            thread.setDaemon(true);
            thread.start();
            return new Stopping(thread, thrown, took);
        }

        boolean done() {
            return tookMillis.get() >= 0;
        }
    }

    /** A sign-up sent straight to {@code server}, its body held back after 10 bytes. */
    private static Socket slowSignUp(WebServer server, byte[] body) throws IOException {
        Socket socket = new Socket();
        socket.connect(server.address(), (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/users HTTP/1.1\r\nHost: " + Topology.SITE + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, 10);
        out.flush();
        await("the slow sign-up is in flight on " + server.name())
                .atMost(PATIENCE)
                .until(() -> server.inFlight() == 1);
        return socket;
    }

    private static String finish(Socket socket, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(body, 10, body.length - 10);
        out.flush();
        InputStream in = socket.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return answer.isEmpty() ? "(no answer: the connection was closed)" : answer;
    }

    @Test
    void a_slow_upload_in_flight_during_the_shutdown_gets_its_answer() throws Exception {
        WebServer server = topology.addWebServer("web-slow-upload");
        byte[] body = ("{\"name\": \"Slow\", \"email\": \"slow-" + System.nanoTime()
                        + "@example.com\", \"password\": \"correct horse\"}")
                .getBytes(StandardCharsets.UTF_8);
        Stopping stopping = null;
        try (Socket socket = slowSignUp(server, body)) {
            stopping = Stopping.begin(server);
            // Past the notice, into the drain (or halted already, if it was not waited for).
            Stopping begun = stopping;
            await().atMost(PATIENCE)
                    .until(() -> begun.done() || server.lifecycle().draining());
            Thread.sleep(SETTINGS.notice().toMillis() + 100);
            String answer;
            try {
                answer = finish(socket, body);
            } catch (IOException e) {
                answer = "(no answer: " + e + ")";
            }
            assertThat(answer)
                    .as("12.2: the sign-up that was in flight when the shutdown began must be answered")
                    .startsWith("HTTP/1.1 201");
            stopping.thread().join(PATIENCE.toMillis());
            assertThat(stopping.thrown().get())
                    .as("12.2: what shutDownGracefully threw")
                    .isNull();
            assertThat(stopping.done())
                    .as("12.2: the shutdown returned once the request was answered")
                    .isTrue();
        } finally {
            topology.loadBalancer().pool().remove(server.name());
            topology.web().stop(server);
        }
    }

    @Test
    void not_one_request_fails_while_a_server_stops_under_load() throws Exception {
        WebServer server = topology.addWebServer("web-stopping");
        Traffic traffic = Traffic.start(DNS, 4);
        Stopping stopping = null;
        try {
            await().atMost(PATIENCE).until(() -> server.requestsServed() >= 20);
            stopping = Stopping.begin(server);
            stopping.thread().join(PATIENCE.toMillis());
            long after = traffic.requests();
            await().atMost(PATIENCE).until(() -> traffic.requests() >= after + 40);
        } finally {
            traffic.close();
            topology.loadBalancer().pool().remove(server.name());
            topology.web().stop(server);
        }
        assertThat(stopping.thrown().get())
                .as("12.2: what shutDownGracefully threw")
                .isNull();
        assertThat(traffic.failures())
                .as("12.2: requests that failed while %s stopped: %s", server.name(), traffic.summary())
                .isEmpty();
    }

    @Test
    void an_idle_server_that_stops_keeps_answering_until_the_balancer_has_noticed() throws Exception {
        WebServer server = topology.addWebServer("web-idle");
        SiteClient client = new SiteClient(DNS);
        Stopping stopping = null;
        List<String> failed = new ArrayList<>();
        int sent = 0;
        try {
            // Nothing in flight: a shutdown that does not wait for the balancer halts at once, and the
            // sign-ups the balancer still sends there (it has not checked yet) find nobody. These 250 ms
            // are well within the notice (1 s), however late the balancer's checks run.
            stopping = Stopping.begin(server);
            long end = System.nanoTime() + Duration.ofMillis(250).toNanos();
            while (System.nanoTime() < end && sent < 100) {
                SiteClient.Response answer = client.postJson(
                        "http://snapshots.test/api/users",
                        "{\"name\": \"Idle\", \"email\": \"idle-" + sent + "-" + System.nanoTime()
                                + "@example.com\", \"password\": \"correct horse\"}");
                sent++;
                if (answer.status() >= 500) {
                    failed.add(answer.toString());
                }
            }
            stopping.thread().join(PATIENCE.toMillis());
        } finally {
            topology.loadBalancer().pool().remove(server.name());
            topology.web().stop(server);
        }
        assertThat(stopping.thrown().get())
                .as("12.2: what shutDownGracefully threw")
                .isNull();
        assertThat(failed)
                .as(
                        "12.2: sign-ups through the balancer that failed, of %d sent in the 250 ms after %s began to"
                                + " stop",
                        sent, server.name())
                .isEmpty();
    }

    @Test
    void a_stuck_request_does_not_hold_the_shutdown_past_its_drain_limit() throws Exception {
        // A topology of its own, whose servers have a short drain limit; the server stays outside its
        // balancer's pool: nothing but the stuck request reaches it.
        try (Topology shortDrain = TestTopology.builder(new DnsRegistry())
                .webServers(0)
                .loadBalancer()
                .deploys(SHORT_DRAIN)
                .start()) {
            WebServer server = shortDrain.web().start("web-stuck");
            byte[] body = "{\"name\": \"Stuck\", \"email\": \"stuck@example.com\", \"password\": \"correct horse\"}"
                    .getBytes(StandardCharsets.UTF_8);
            Socket socket = slowSignUp(server, body);
            try {
                Stopping stopping = Stopping.begin(server);
                // The drain limit is what is tested; how long past it the test waits is only room.
                stopping.thread()
                        .join(SHORT_DRAIN
                                .notice()
                                .plus(SHORT_DRAIN.drainLimit())
                                .plus(Duration.ofSeconds(10))
                                .toMillis());
                assertThat(stopping.thrown().get())
                        .as("12.2: what shutDownGracefully threw")
                        .isNull();
                assertThat(stopping.done())
                        .as(
                                "12.2: a request that never ends (its body never comes) must not keep the server from"
                                        + " stopping: the shutdown should return after the notice (%d ms) and the drain"
                                        + " limit (%d ms); the test waited 10 s more",
                                SHORT_DRAIN.notice().toMillis(),
                                SHORT_DRAIN.drainLimit().toMillis())
                        .isTrue();
                assertThat(stopping.tookMillis().get())
                        .as(
                                "12.2: how long the shutdown took with a request in flight that never ends, in ms: at"
                                        + " least the drain limit, %d ms",
                                SHORT_DRAIN.drainLimit().toMillis())
                        .isGreaterThanOrEqualTo(SHORT_DRAIN.drainLimit().toMillis());
            } finally {
                socket.close();
                shortDrain.web().stop(server);
            }
        }
    }

    /**
     * A server as the shutdown sees it ({@link Draining}), driven by the test: it records when it stopped
     * being ready, how often and when its in-flight count was last read, and how many requests were in
     * flight when it was halted. Once halted it takes no new request, as a closed port would not.
     */
    private static final class ScriptedServer implements Draining {
        final CountDownLatch notReady = new CountDownLatch(1);
        final CountDownLatch halted = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger inFlightAtHalt = new AtomicInteger(-1);
        final AtomicLong notReadyAt = new AtomicLong();
        final AtomicLong lastReadAt = new AtomicLong();
        final AtomicLong lastReadBeforeHalt = new AtomicLong();

        @Override
        public void stopBeingReady() {
            notReadyAt.set(System.nanoTime());
            notReady.countDown();
        }

        @Override
        public int inFlight() {
            lastReadAt.set(System.nanoTime());
            reads.incrementAndGet();
            return inFlight.get();
        }

        @Override
        public synchronized void halt() {
            inFlightAtHalt.set(inFlight.get());
            lastReadBeforeHalt.set(lastReadAt.get());
            halted.countDown();
        }

        /** A request arrives: false when the server has halted already (the client would retry elsewhere). */
        synchronized boolean arrive() {
            if (halted.getCount() == 0) {
                return false;
            }
            inFlight.incrementAndGet();
            return true;
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void a_request_that_arrives_during_the_notice_is_finished_before_the_halt() throws Exception {
        // Until the balancer has noticed, it sends new requests: one arrives while the shutdown waits out
        // its notice, after anything that was in flight when it began (nothing), and is still running
        // when the notice ends. It must be let finish: a halt under it cuts off a sign-up.
        ScriptedServer server = new ScriptedServer();
        Duration notice = Duration.ofMillis(600);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread stopping = new Thread(
                () -> {
                    try {
                        GracefulShutdown.stop(server, notice, Duration.ofSeconds(10));
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                },
                "graceful-shutdown-scripted");
        stopping.setDaemon(true);
        stopping.start();
        try {
            await().atMost(PATIENCE).until(() -> server.notReady.getCount() == 0 || !stopping.isAlive());
            assertThat(thrown.get()).as("12.2: what the shutdown threw").isNull();
            assertThat(server.notReady.getCount())
                    .as("12.2: the shutdown stopped being ready first")
                    .isZero();
            // Into the notice: the stopping thread has gone to sleep (whatever it checked before, it has
            // checked), or it has halted already, or it is gone.
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> stopping.getState() == Thread.State.TIMED_WAITING
                            || server.halted.getCount() == 0
                            || !stopping.isAlive());
            boolean arrived = server.arrive();
            int readsAtArrival = server.reads.get();
            // The request runs until the shutdown looks at it (reads the in-flight count) or halts.
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> server.reads.get() > readsAtArrival
                            || server.halted.getCount() == 0
                            || !stopping.isAlive());
            if (arrived) {
                server.inFlight.decrementAndGet();
            }
            stopping.join(PATIENCE.toMillis());
            assertThat(thrown.get()).as("12.2: what the shutdown threw").isNull();
            assertThat(server.halted.getCount())
                    .as("12.2: the server halted once its requests were done")
                    .isZero();
            // Whenever the request came, the requests in flight must be looked at once the notice is over
            // (a sleep never ends early), or one that arrived during the notice is halted under.
            long lookedAfterMillis = (server.lastReadBeforeHalt.get() - server.notReadyAt.get()) / 1_000_000;
            assertThat(server.reads.get() > 0 ? lookedAfterMillis : -1)
                    .as(
                            "12.2: ms after the server stopped being ready that the shutdown last looked at the requests"
                                    + " in flight before halting (-1: never): the notice is %d ms, and requests that"
                                    + " arrive during it must be finished too",
                            notice.toMillis())
                    .isGreaterThanOrEqualTo(notice.toMillis() - 1);
            assertThat(server.inFlightAtHalt.get())
                    .as(
                            "12.2: requests in flight when the server halted, of 1 that arrived during the %d ms notice"
                                    + " (it arrived: %s) and was still running when the notice ended: it was cut off",
                            notice.toMillis(), arrived)
                    .isZero();
        } finally {
            stopping.interrupt();
        }
    }
}
