package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server is deployed as its packaged classes, and started from whatever folder the machine
 * chooses, never from the source tree. Inside Maven every test runs in the module's folder, where
 * {@code src/main/resources/public} happens to exist; this test starts the server in a JVM of its
 * own, in an empty folder, and asks it for the assets.
 */
@Tag("1.3")
@DisplayName("1.3 The assets come from the packaged classes, wherever the server is started")
class AssetsAnywhereTest {

    private static final Pattern PORT = Pattern.compile("port=(\\d+)");

    @Test
    @Timeout(60)
    void a_server_started_in_another_folder_serves_the_same_assets(@TempDir Path elsewhere) throws Exception {
        Path output = elsewhere.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Server.class.getName())
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            int port = await("1.3: the server in " + elsewhere + " prints its port")
                    .atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> port(output, server), Optional::isPresent)
                    .orElseThrow();
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            for (String asset : List.of("app.css", "app.js")) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/assets/" + asset))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode())
                        .as(
                                "1.3: GET /assets/%s from a server started in an empty folder (%s): read the"
                                        + " assets from the classpath, not from a folder relative to where the"
                                        + " server happens to start",
                                asset, elsewhere)
                        .isEqualTo(200);
                assertThat(answer.body())
                        .as("1.3: /assets/%s is the packaged public/%s", asset, asset)
                        .isEqualTo(packaged("/public/" + asset));
            }
        } finally {
            server.getOutputStream().close(); // the server stops when its input ends
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Optional<Integer> port(Path output, Process server) throws IOException {
        String printed = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        Matcher port = PORT.matcher(printed);
        if (port.find()) {
            return Optional.of(Integer.parseInt(port.group(1)));
        }
        if (!server.isAlive()) {
            throw new AssertionError(
                    "1.3: the server ended before it printed its port (exit " + server.exitValue() + "):\n" + printed);
        }
        return Optional.empty();
    }

    private static String packaged(String resource) throws IOException {
        try (InputStream in = AssetsAnywhereTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("1.3: classpath resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Step 01's system in a JVM of its own: prints its port, and stops when its input ends. */
    public static final class Server {
        public static void main(String[] args) throws IOException {
            Topology topology = Topology.start(new DnsRegistry(), 0, TestTopology.CHEAP_HASHING);
            try {
                System.out.println("port=" + topology.webServer().address().getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close our input
                }
            } finally {
                topology.close();
            }
        }
    }
}
