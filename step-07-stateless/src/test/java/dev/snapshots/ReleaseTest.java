package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Not an exercise: the course's promise that tests are hermetic. A whole topology, with health
 * checks, appliers and the replication monitor running and a web server killed on the way, gives
 * back every port and every thread.
 */
@DisplayName("Hermetic: a topology releases every port and thread, even after a server was killed")
@Isolated("it counts every thread of the JVM: no other test may start any meanwhile")
class ReleaseTest {

    @Test
    void closing_the_topology_frees_its_ports_and_ends_its_threads() {
        Set<String> before = threadNames();
        List<InetSocketAddress> addresses = new ArrayList<>();
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.withSessionTier(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .cdn()
                .start()) {
            topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(50));
            SiteClient client = new SiteClient(dns);
            for (int i = 0; i < 10; i++) {
                client.get(Servers.CHEAP);
                client.get("http://cdn.snapshots.test/assets/app.css");
            }
            topology.killWebServer("web-2");
            client.get(Servers.CHEAP);
            addresses.add(topology.loadBalancer().address());
            addresses.add(topology.edge().address());
            addresses.add(
                    new InetSocketAddress("127.0.0.1", topology.sessionServer().port()));
            topology.webServers().stream().map(WebServer::address).forEach(addresses::add);
            topology.cluster()
                    .replicas()
                    .forEach(r -> addresses.add(
                            new InetSocketAddress("127.0.0.1", r.server().port())));
            addresses.add(new InetSocketAddress("127.0.0.1", topology.database().port()));
        }

        for (InetSocketAddress address : addresses) {
            assertThat(listening(address))
                    .as("nothing listens on %s once the topology is closed", address)
                    .isFalse();
        }
        // Two kinds of thread end by themselves, a few seconds later, whatever the code does: Javalin's
        // "did you forget to start me?" watcher (it sleeps 5 s after a server is created) and the
        // JDK HTTP clients' threads (JDK 17's client has no close(); they end once it is collected).
        // Waiting for them would cost every run seconds and prove nothing about the course's code.
        await("every thread the topology started has ended")
                .pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Set<String> left = threadNames();
                    left.removeAll(before);
                    assertThat(left).as("threads still running after close").isEmpty();
                });
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Running threads by name, but for those that end by themselves (see above). */
    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().isAlive())
                .filter(thread -> !thread.getKey().getName().startsWith("HttpClient-"))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .noneMatch(frame -> frame.getClassName().equals("io.javalin.jetty.JettyServer")))
                .map(thread -> thread.getKey().getName())
                .collect(Collectors.toSet());
    }
}
