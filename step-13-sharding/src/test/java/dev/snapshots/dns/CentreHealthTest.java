package dev.snapshots.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 08 · A centre is probed with a time-out; fall failures in a row take it out, rise successes bring it back")
class CentreHealthTest {

    /**
     * A deadline for probes of balancers that answer at once: room for a slow machine. The probe of
     * the silent balancer keeps the DNS tier's own, {@link CentreHealth#PROBE_TIMEOUT}.
     */
    private static final Duration ROOMY = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final CentreHealth health = new CentreHealth(http, 3, 2);
    private final CentreHealth roomy = new CentreHealth(http, 3, 2, ROOMY);
    private HttpServer balancer;

    /** A balancer on a free port whose /health answers {@code status.get()}. */
    private InetSocketAddress balancerAnswering(AtomicInteger status) throws IOException {
        balancer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        balancer.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        balancer.start();
        return balancer.getAddress();
    }

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.stop(0);
        }
    }

    @Test
    void only_a_200_from_health_passes() throws IOException {
        AtomicInteger status = new AtomicInteger(200);
        InetSocketAddress address = balancerAnswering(status);
        assertThat(roomy.probe(address))
                .as("a probe of a balancer answering 200")
                .isTrue();
        for (int failing : new int[] {502, 503, 500, 404, 301}) {
            status.set(failing);
            assertThat(roomy.probe(address))
                    .as("a probe of a balancer answering %d (no web server behind it)", failing)
                    .isFalse();
        }
    }

    @Test
    void a_refused_connection_fails_the_probe_without_an_exception() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(roomy.probe(new InetSocketAddress("127.0.0.1", closedPort)))
                .as("a probe of a port nobody listens on")
                .isFalse();
    }

    @Test
    void a_silent_balancer_fails_the_probe_within_its_time_out() throws IOException {
        // The client's first request loads and starts its machinery: not part of the time measured.
        roomy.probe(balancerAnswering(new AtomicInteger(200)));
        // It accepts connections (the kernel does) and never answers: a hung centre, the worst kind.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The yardstick, taken just before on the same socket: the JDK's own client with the same
            // deadline. A busy machine slows both alike; a probe without its deadline stands out.
            long yardstick = millisOfJdkRequest(silent.getLocalPort());
            long started = System.nanoTime();
            boolean passed = health.probe(new InetSocketAddress("127.0.0.1", silent.getLocalPort()));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(passed).as("a probe of a balancer that never answers").isFalse();
            assertThat(millis)
                    .as(
                            "ms the probe of a silent balancer took (PROBE_TIMEOUT is %d ms; the JDK's client with that"
                                    + " deadline took %d ms)",
                            CentreHealth.PROBE_TIMEOUT.toMillis(), yardstick)
                    .isLessThan(Math.max(CentreHealth.PROBE_TIMEOUT.toMillis(), yardstick) * 3 / 2 + 500);
        }
    }

    @Test
    void fall_failures_in_a_row_take_a_centre_out_and_a_success_between_them_starts_again() {
        assertThat(health.isUp("eu-west")).as("a centre before any probe").isTrue();
        health.record("eu-west", false);
        health.record("eu-west", false);
        assertThat(health.isUp("eu-west")).as("after 2 failures with fall = 3").isTrue();
        health.record("eu-west", true);
        health.record("eu-west", false);
        health.record("eu-west", false);
        assertThat(health.isUp("eu-west"))
                .as("failures 2, success, failures 2 (never 3 in a row)")
                .isTrue();
        health.record("eu-west", false);
        assertThat(health.isUp("eu-west")).as("after 3 failures in a row").isFalse();
        assertThat(health.isUp("us-east")).as("another centre, never probed").isTrue();
    }

    @Test
    void rise_successes_in_a_row_bring_it_back_and_each_centre_counts_alone() {
        for (int i = 0; i < 3; i++) {
            health.record("eu-west", false);
        }
        health.record("us-east", true);
        health.record("eu-west", true);
        assertThat(health.isUp("eu-west"))
                .as("down, then 1 success with rise = 2")
                .isFalse();
        health.record("eu-west", false);
        health.record("eu-west", true);
        assertThat(health.isUp("eu-west")).as("down, success, failure, success").isFalse();
        health.record("eu-west", true);
        assertThat(health.isUp("eu-west")).as("down, then 2 successes in a row").isTrue();
        health.record("eu-west", false);
        health.record("eu-west", false);
        assertThat(health.isUp("eu-west"))
                .as("back up, then 2 failures with fall = 3")
                .isTrue();
    }

    /** How long a plain JDK request with {@link CentreHealth#PROBE_TIMEOUT} waits on a silent port, in ms. */
    private long millisOfJdkRequest(int port) {
        long started = System.nanoTime();
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(CentreHealth.PROBE_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException expected) {
            // the deadline passed: what is measured
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
