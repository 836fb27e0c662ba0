package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.http.TooLarge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bodies that never arrive whole, sent to the site's front door (the web server in steps 01-02, the
 * load balancer from step 03 on). A body declared far larger than the limit is refused before it is
 * read, not waited for; a client that stops sending half-way is the client's doing, answered as a
 * 4xx and never logged or counted as a server error (an error ratio anyone could raise would forge
 * the alerts and roll-backs of steps 11-12). Provided: it passes on the starter too.
 */
@DisplayName("Unfinished bodies: refused at once or answered as the client's doing, never a server error")
class UnfinishedBodyTest {

    /** The harness's patience: far more than an answer needs, far less than a server's 30 s idle time-out. */
    private static final int PATIENCE_MS = 10_000;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static InetSocketAddress front;

    @BeforeAll
    static void start() throws IOException {
        try {
            topology = TestTopology.site(DNS);
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the site needs " + unfinished.getMessage());
        }
        front = DNS.resolve(Topology.SITE);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** Sends a sign-up's head declaring {@code declared} bytes, then only {@code sent} of them. */
    private static Socket sendPart(long declared, int sent) throws IOException {
        Socket socket = new Socket();
        socket.connect(front, 2_000);
        socket.setSoTimeout(PATIENCE_MS);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/users HTTP/1.1\r\nHost: " + Topology.SITE + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write("{\"name\": \"Ann\", \"email\": \"ann@example.com\""
                .substring(0, sent)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The answer's status line and the rest, or why none came. */
    private static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                if (all.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException waited) {
            return "no answer within " + PATIENCE_MS + " ms (the server is still waiting for the body)";
        } catch (IOException reset) {
            return "no answer: the connection was dropped (" + reset.getMessage() + ")";
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static int status(String answer) {
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    @Test
    void a_body_declared_far_over_the_limit_is_refused_before_it_is_read() throws IOException {
        try (Socket socket = sendPart(2_000_000_000L, 10)) {
            String answer = answer(socket);
            assertThat(status(answer))
                    .as("a sign-up declaring a 2 GB body, of which 10 bytes were sent: %s", answer)
                    .isEqualTo(413);
            assertThat(answer.toLowerCase()).as("its answer: %s", answer).contains("application/json");
        }
    }

    @Test
    void a_body_over_the_limit_sent_whole_gets_its_413_not_a_reset() throws Exception {
        byte[] body = new byte[(int) TooLarge.READ_AWAY_UP_TO];
        try (Socket socket = sendPart(body.length, 0)) {
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            // Read a moment later, as a busy client does: a server that closed the connection on the
            // unread rest of the body would have reset it by then, and the answer would be lost.
            Thread.sleep(200);
            String answer = answer(socket);

            assertThat(status(answer))
                    .as("the answer to a body of %d bytes (over the limit), sent whole: %s", body.length, answer)
                    .isEqualTo(413);
        }
    }

    @Test
    void a_client_that_stops_sending_half_way_gets_a_4xx_and_no_server_logs_an_error() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (Socket socket = sendPart(500, 20)) {
            socket.shutdownOutput(); // the client is done sending: 480 declared bytes will never come
            String answer = answer(socket);
            assertThat(status(answer))
                    .as("a sign-up whose client stopped after 20 of its 500 bytes: %s", answer)
                    .isBetween(400, 499);
            // The server logs before it answers: what it logged for this request is in by now.
            List<String> errors = List.copyOf(logged.list).stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(errors)
                    .as("errors the servers logged for a client that stopped sending")
                    .isEmpty();
        } finally {
            root.detachAppender(logged);
        }
    }
}
