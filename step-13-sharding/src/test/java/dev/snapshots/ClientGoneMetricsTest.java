package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up half-way through a body, straight at a web server: their requests must not
 * count as the server's errors. The alert of exercise 11.4 and the roll-back of step 12 judge the
 * ratio of 5xx; if anyone could raise it by opening connections and closing them early, they could
 * page the on-call and roll back a good release at will. Provided: it passes on the starter too.
 */
@DisplayName("A client that hangs up mid-body is not counted as a server error")
class ClientGoneMetricsTest {

    private static final String COUNT = "http_server_requests_seconds_count";
    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(1).loadBalancer().start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static double serverErrors(InetSocketAddress web) {
        return MetricsClient.scrape(web, topology.metricsToken()).sum(COUNT, Map.of("status", "5xx"));
    }

    /** A photo upload declaring 5,000 bytes, of which 100 are sent before the client stops sending. */
    private static String hangUpMidBody(InetSocketAddress web) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(web, 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/photos HTTP/1.1\r\nHost: " + Topology.SITE + "\r\nContent-Type: image/png\r\n"
                            + "Content-Length: 5000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100]);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            in.readAllBytes(); // until the server closes: the request is over on its side too
            return answer;
        }
    }

    @Test
    void twenty_uploads_cut_short_add_no_5xx() throws IOException {
        InetSocketAddress web = topology.web().servers().get(0).address();
        double before = serverErrors(web);
        String first = "";
        for (int i = 0; i < 20; i++) {
            String answer = hangUpMidBody(web);
            first = first.isEmpty() ? answer : first;
        }
        assertThat(first)
                .as("the answer to an upload whose client stopped sending")
                .startsWith("HTTP/1.1 4");
        assertThat(serverErrors(web) - before)
                .as("requests counted with status=\"5xx\" on the web server after 20 uploads cut short")
                .isZero();
    }
}
