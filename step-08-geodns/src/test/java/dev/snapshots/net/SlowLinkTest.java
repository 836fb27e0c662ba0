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

            // Interleaved, and the ceiling judged on the quickest call of each kind: a busy machine only
            // ever adds time, so a pause lands on a call or two and leaves the quickest alone.
            long[] directCalls = new long[9];
            long[] slowCalls = new long[9];
            for (int i = 0; i < directCalls.length; i++) {
                directCalls[i] = millis(http, direct);
                slowCalls[i] = millis(http, slow);
            }
            HttpResponse<byte[]> body = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + link.address().getPort() + "/big"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            // 40 ms each way is a floor no machine can beat, so every call must pay it; the ceiling
            // catches a link that adds far more (a delay per chunk, or seconds for milliseconds).
            assertThat(Arrays.stream(slowCalls).boxed().toList())
                    .as(
                            "ms each request-and-answer took across the 40 ms link (direct: %s)",
                            Arrays.toString(directCalls))
                    .allSatisfy(calls -> assertThat(calls).isGreaterThanOrEqualTo(80L));
            assertThat(min(slowCalls) - min(directCalls))
                    .as(
                            "ms the quickest request-and-answer across the link took more than the quickest direct one (direct %s, link %s)",
                            Arrays.toString(directCalls), Arrays.toString(slowCalls))
                    .isLessThanOrEqualTo(300L);
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

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
