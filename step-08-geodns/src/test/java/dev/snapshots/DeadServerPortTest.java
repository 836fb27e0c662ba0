package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Carried from step 03: the harness behind every test that kills a web server. Test classes run two
 * at a time in one JVM, so a killed server's port must stay dead, as a dead machine's address does:
 * otherwise another class's server, started on a free port, could get it, and the balancer, which
 * still has the dead server's address, would reach a live stranger.
 */
@DisplayName("A killed web server's port stays dead until the server restarts there")
class DeadServerPortTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Topology topology;

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void after_a_kill_its_port_refuses_connections_until_the_server_restarts_there() throws Exception {
        topology = TestTopology.builder(dns).webServers(2).loadBalancer().start();
        InetSocketAddress address = topology.web().server("web-2").address();
        // An open connection that the kill cuts: what a balancer has, and what lingers on the port.
        assertThat(servedBy(address)).as("web-2 before the kill").isEqualTo("web-2");

        topology.web().kill("web-2");

        assertThat(connect(address))
                .as("a connection to the killed web-2's port %d", address.getPort())
                .isEqualTo("refused");

        topology.web().restart("web-2", address.getPort());

        assertThat(servedBy(address))
                .as("who answers on port %d after web-2 restarted there", address.getPort())
                .isEqualTo("web-2");
    }

    @Test
    void a_killed_servers_port_is_held_until_its_topology_closes() {
        // No balancer and no request: nothing ever connected to web-1, so no closed connection lingers
        // on its port, and only the hold can keep another socket from binding there.
        topology = TestTopology.builder(dns).webServers(2).start();
        InetSocketAddress address = topology.web().server("web-1").address();
        topology.web().kill("web-1");

        assertThat(bindWithoutReuse(address))
                .as(
                        "binding a socket on the killed web-1's port %d (the kernel gives a server on port 0"
                                + " no port that has a socket bound, so this is what keeps strangers out)",
                        address.getPort())
                .startsWith("refused");

        topology.close();
        topology = null;

        assertThat(bindWithoutReuse(address))
                .as("binding a socket on the killed web-1's port %d once its topology closed", address.getPort())
                .isEqualTo("bound");
    }

    private String servedBy(InetSocketAddress address) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/health"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding())
                .headers()
                .firstValue(WebServer.SERVED_BY)
                .orElse("nobody (no " + WebServer.SERVED_BY + ")");
    }

    private static String connect(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            return "accepted by someone listening";
        } catch (ConnectException refused) {
            return "refused";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String bindWithoutReuse(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(address);
            return "bound";
        } catch (IOException e) {
            return "refused: " + e;
        }
    }
}
