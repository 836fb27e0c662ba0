package dev.snapshots.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Not an exercise: the slow link adds its delay each way, and carries bytes unchanged. */
@DisplayName("A slow link delivers everything, its delay later in each direction")
class SlowLinkTest {

    @Test
    void a_round_trip_over_a_40_ms_link_takes_80_ms_more_and_the_bytes_arrive_whole() throws Exception {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'x');
        Javalin far = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.get("/big", ctx -> ctx.result(big));
                    config.routes.get("/ping", ctx -> ctx.result("pong"));
                })
                .start("127.0.0.1", 0);
        try (SlowLink link =
                new SlowLink(new java.net.InetSocketAddress("127.0.0.1", far.port()), Duration.ofMillis(40))) {
            HttpClient http = HttpClient.newHttpClient();
            URI direct = URI.create("http://127.0.0.1:" + far.port() + "/ping");
            URI slow = URI.create("http://127.0.0.1:" + link.address().getPort() + "/ping");
            // Warm both paths up (connections, JIT): a cold first call would blur the comparison.
            http.send(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(direct).build(), HttpResponse.BodyHandlers.ofString());

            // Interleaved and compared by their medians: a pause of a busy machine lands on a call or
            // two, not on a whole series of one kind.
            long[] directCalls = new long[9];
            long[] slowCalls = new long[9];
            for (int i = 0; i < directCalls.length; i++) {
                directCalls[i] = millis(http, direct);
                slowCalls[i] = millis(http, slow);
            }
            long directMillis = median(directCalls);
            long slowMillis = median(slowCalls);
            HttpResponse<byte[]> body = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + link.address().getPort() + "/big"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            // 40 ms each way is a floor no machine can beat; the ceiling allows for a slow one.
            assertThat(slowMillis)
                    .as(
                            "median ms a request-and-answer takes across the 40 ms link (direct %d ms; calls: %s)",
                            directMillis, Arrays.toString(slowCalls))
                    .isGreaterThanOrEqualTo(80L);
            assertThat(slowMillis - directMillis)
                    .as(
                            "median ms a request-and-answer takes more across the link than direct (direct %s, link %s)",
                            Arrays.toString(directCalls), Arrays.toString(slowCalls))
                    .isLessThanOrEqualTo(200L);
            assertThat(body.body()).as("300 kB across the link").isEqualTo(big);
        } finally {
            far.stop();
        }
    }

    private static long millis(HttpClient http, URI uri) throws Exception {
        long start = System.nanoTime();
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
