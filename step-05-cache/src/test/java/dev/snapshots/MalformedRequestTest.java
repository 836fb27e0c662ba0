package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses itself, before any route runs, sent to every HTTP server of the site: the
 * answer is a 4xx in JSON like every other error, not Jetty's HTML page (which names the server
 * software and its version to whoever probes). Provided: it passes on the starter too.
 */
@DisplayName("Malformed requests: a 4xx in JSON from every server, never Jetty's own page")
class MalformedRequestTest {

    private static final List<String> REQUESTS = List.of(
            "GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(70_000) + "\r\nConnection: close\r\n\r\n",
            "NOT HTTP AT ALL\r\n\r\n",
            "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\nConnection: close\r\n\r\n");

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        try {
            topology = TestTopology.site(DNS);
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the site needs " + unfinished.getMessage());
        }
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static String exchange(InetSocketAddress server, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 2_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void every_server_refuses_a_malformed_request_with_a_4xx_in_json() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (InetSocketAddress server : TestTopology.httpServers(topology)) {
            for (String request : REQUESTS) {
                String answer = exchange(server, request);
                String head = answer.split("\r\n\r\n", 2)[0].toLowerCase(Locale.ROOT);
                boolean refused = answer.startsWith("HTTP/1.1 4");
                boolean json = head.contains("content-type: application/json");
                boolean quiet = !answer.toLowerCase(Locale.ROOT).contains("jetty");
                if (!refused || !json || !quiet) {
                    String sent = request.length() > 60 ? request.substring(0, 60) + "…" : request;
                    wrong.add(server + " answered " + sent.replace("\r\n", " ") + " with: "
                            + answer.substring(0, Math.min(answer.length(), 200))
                                    .replace("\r\n", " | "));
                }
            }
        }
        assertThat(wrong)
                .as("malformed requests not refused with a 4xx in JSON, or naming Jetty")
                .isEmpty();
    }
}
