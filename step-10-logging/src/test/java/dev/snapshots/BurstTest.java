package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.dns.DnsRegistry;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A burst of connections that meets a server busy for a moment (a full pause of its JVM, an acceptor
 * that fell behind) must wait in the kernel's listen queue and then be answered, never lost: a lost
 * handshake leaves its client waiting seconds for a retry, or reset on some systems. The test makes
 * the moment last: each HTTP server of the site stops accepting (Jetty's own switch, reached by
 * reflection: it is a fault, not a feature), 200 clients connect at once, the server accepts again
 * and every client asks {@code GET /health}. Provided: it passes on the starter too.
 */
@DisplayName("A burst of connections meeting a busy server waits in its listen queue, and every one is answered")
class BurstTest {

    private static final int CONNECTIONS = 200;
    /** The harness's patience for a handshake: the kernel answers at once when the queue has room. */
    private static final long HANDSHAKE_PATIENCE_MS = 2_000;

    @Test
    void two_hundred_connections_made_while_a_server_accepts_none_are_all_answered() throws Exception {
        Topology site;
        try {
            site = TestTopology.builder(new DnsRegistry())
                    .webServers(2)
                    .loadBalancer()
                    .cdn()
                    .start();
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the site needs " + unfinished.getMessage());
            return;
        }
        try (Topology topology = site) {
            for (Object server : servers(topology)) {
                Map<String, Integer> outcomes = burst(server);
                assertThat(outcomes)
                        .as(
                                "%d clients connecting at once to %s while it accepted no connection, then asking"
                                        + " GET /health once it accepted again: what each got (any status is an"
                                        + " answer; a lost handshake, a reset or silence is not)",
                                CONNECTIONS, address(server))
                        .containsOnlyKeys("an HTTP answer");
            }
        }
    }

    /** Every HTTP server of the site: its web servers, the balancer in front of them and the CDN's edge. */
    private static List<Object> servers(Topology topology) {
        List<Object> servers = new ArrayList<>(topology.web().servers());
        servers.add(topology.loadBalancer());
        servers.add(topology.tier(EdgeTier.class).server());
        return servers;
    }

    private static Map<String, Integer> burst(Object server) throws Exception {
        InetSocketAddress address = address(server);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<SocketChannel> clients = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            setAccepting(server, false);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel client = SocketChannel.open();
                    clients.add(client);
                    client.configureBlocking(false);
                    if (!client.connect(address)) {
                        client.register(selector, SelectionKey.OP_CONNECT);
                    }
                }
                // The handshakes: the kernel completes each that fits in the queue, and drops the rest.
                long deadline = System.nanoTime() + HANDSHAKE_PATIENCE_MS * 1_000_000;
                while (!selector.keys().isEmpty() && System.nanoTime() < deadline) {
                    selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    for (SelectionKey key : selector.selectedKeys()) {
                        try {
                            ((SocketChannel) key.channel()).finishConnect();
                        } catch (IOException refused) {
                            // counted below, as not connected
                        }
                        key.cancel();
                    }
                    selector.selectedKeys().clear();
                    selector.selectNow();
                }
                // One last look, still before the server accepts again: a handshake the kernel finished
                // while this thread was kept from running (a busy machine) counts as finished.
                for (SocketChannel client : clients) {
                    if (client.isConnectionPending()) {
                        try {
                            client.finishConnect();
                        } catch (IOException refused) {
                            // counted below, as not connected
                        }
                    }
                }
            } finally {
                setAccepting(server, true);
            }
            // Every client asks first, then each reads its answer: the server works on them all at once.
            List<String> asked = new ArrayList<>();
            for (SocketChannel client : clients) {
                asked.add(ask(client));
            }
            for (int i = 0; i < clients.size(); i++) {
                String outcome = asked.get(i) == null ? answer(clients.get(i)) : asked.get(i);
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
        return outcomes;
    }

    /** Sends {@code GET /health} on this connection: null when sent, else what happened instead. */
    private static String ask(SocketChannel client) {
        if (!client.isConnected()) {
            return "no handshake within " + HANDSHAKE_PATIENCE_MS + " ms";
        }
        try {
            client.configureBlocking(true);
            client.socket().setSoTimeout(10_000);
            client.write(ByteBuffer.wrap("GET /health HTTP/1.1\r\nHost: burst\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            return null;
        } catch (IOException e) {
            return "could not ask: " + e.getMessage();
        }
    }

    /** The status of the answer on this connection (any status is an answer), or what happened instead. */
    private static String answer(SocketChannel client) {
        try {
            byte[] head = new byte[12];
            int read = 0;
            InputStream in = client.socket().getInputStream();
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    return "closed without an answer";
                }
                read += n;
            }
            String statusLine = new String(head, StandardCharsets.US_ASCII);
            return statusLine.startsWith("HTTP/1.1 ") ? "an HTTP answer" : "not HTTP: " + statusLine;
        } catch (SocketException e) {
            return "reset: " + e.getMessage();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static InetSocketAddress address(Object server) throws ReflectiveOperationException {
        return (InetSocketAddress) server.getClass().getMethod("address").invoke(server);
    }

    /** Jetty's switch that stops (and starts again) taking connections from the listen queue. */
    private static void setAccepting(Object server, boolean accepting) throws ReflectiveOperationException {
        Field field = server.getClass().getDeclaredField("app");
        field.setAccessible(true);
        Javalin app = (Javalin) field.get(server);
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jetty) {
                jetty.setAccepting(accepting);
            }
        }
    }
}
