package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Not an exercise: the course's promise that tests are hermetic. A whole topology, with health
 * checks, appliers, the replication monitor, a worker, the log tier's shippers and indexer and the
 * scraper running, and a web server killed on the way, gives back every port and every thread.
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
                .queue(1)
                .logs()
                .metrics()
                .start()) {
            topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(50));
            SiteClient client = new SiteClient(dns);
            for (int i = 0; i < 10; i++) {
                client.get(Servers.CHEAP);
                client.get("http://cdn.snapshots.test/assets/app.css");
            }
            topology.web().kill("web-2");
            client.get(Servers.CHEAP);
            addresses.add(topology.loadBalancer().address());
            addresses.add(topology.tier(EdgeTier.class).server().address());
            addresses.add(new InetSocketAddress(
                    "127.0.0.1", topology.tier(SessionStorage.class).server().port()));
            topology.web().servers().stream().map(WebServer::address).forEach(addresses::add);
            topology.data()
                    .cluster()
                    .replicas()
                    .forEach(r -> addresses.add(
                            new InetSocketAddress("127.0.0.1", r.server().port())));
            addresses.add(new InetSocketAddress(
                    "127.0.0.1", topology.data().primaryServer().port()));
            addresses.add(new InetSocketAddress(
                    "127.0.0.1",
                    topology.tier(PhotoProcessing.class).queue().server().port()));
            addresses.add(new InetSocketAddress(
                    "127.0.0.1", topology.tier(LogPipeline.class).server().port()));
            addresses.add(topology.tier(LogPipeline.class).searchAddress());
        }

        for (InetSocketAddress address : addresses) {
            assertThat(listening(address))
                    .as("nothing listens on %s once the topology is closed", address)
                    .isFalse();
        }
        // Three kinds of thread end by themselves, later, whatever the code does: Javalin's "did you
        // forget to start me?" watcher (it sleeps 5 s after a server is created), the JDK HTTP clients'
        // threads (JDK 17's client has no close(); they end once it is collected) and the JDK's
        // "process reaper", which lingers after the child processes it waited for have ended.
        // Waiting for them would cost every run seconds and prove nothing about the course's code.
        await("every thread the topology started has ended")
                .pollInSameThread()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Set<String> left = threadNames();
                    left.removeAll(before);
                    assertThat(left).as("threads still running after close").isEmpty();
                });
    }

    @Test
    void a_database_folder_a_killed_run_left_behind_is_deleted_when_the_next_run_starts_one() throws Exception {
        // A process that has ended, as a test run killed with kill -9 has: its folder stays behind.
        Process ended = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS))
                .as("java -version ended")
                .isTrue();
        // Each temporary folder names its owner in owner.pid (not in its name, which H2 shows clients).
        Path leftover = Files.createTempDirectory("snapshots-db-");
        Files.writeString(leftover.resolve("owner.pid"), Long.toString(ended.pid()));
        Files.writeString(leftover.resolve("snapshots.mv.db"), "left behind");
        Path ours = Files.createTempDirectory("snapshots-db-");
        Files.writeString(
                ours.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        try (DatabaseServer next = DatabaseServer.startTemporary()) {
            assertThat(next.port()).as("the next run's database started").isPositive();
            assertThat(leftover)
                    .as("the folder of process %d, which has ended, once another database started", ended.pid())
                    .doesNotExist();
            assertThat(ours).as("a folder of this process, which is alive").exists();
        } finally {
            Files.deleteIfExists(leftover.resolve("snapshots.mv.db"));
            Files.deleteIfExists(leftover.resolve("owner.pid"));
            Files.deleteIfExists(leftover);
            Files.deleteIfExists(ours.resolve("owner.pid"));
            Files.deleteIfExists(ours);
        }
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
                // JUnit's own workers: the pool may start one more while this test runs alone.
                .filter(thread -> !thread.getKey().getClass().getName().startsWith("org.junit."))
                .filter(thread -> !thread.getKey().getName().startsWith("HttpClient-"))
                // The JDK's own watcher of child processes (redis-server, java -version): it waits for more.
                .filter(thread -> !thread.getKey().getName().equals("process reaper"))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .noneMatch(frame -> frame.getClassName().equals("io.javalin.jetty.JettyServer")))
                .map(thread -> thread.getKey().getName())
                .collect(Collectors.toSet());
    }
}
