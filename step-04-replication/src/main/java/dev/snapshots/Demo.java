package dev.snapshots;

import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs step 04's finished system (a primary and two replicas in semi-synchronous mode, three web
 * servers, the balancer) and plays a failover: the primary dies after 20 s. Watch the positions
 * each database has reached, and which one is the primary. Stop with Ctrl+C.
 * Start it from the repository root with {@code ./course demo step-04-replication}.
 */
public final class Demo {

    private Demo() {}

    private static String position(DbNode node) {
        try {
            return Long.toString(node.position());
        } catch (RuntimeException e) {
            return "?";
        }
    }

    public static void main(String[] args) throws Exception {
        exitWithParent();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer(port)
                .replicas(2)
                .acknowledgement(Acknowledgement.SEMI_SYNC)
                .start();
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(500));
        String base = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        HttpResponse<String> alice = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/users"))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"name\": \"Alice\", \"email\": \"alice@example.com\", \"password\": \"correct horse\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        System.out.println();
        System.out.println("Step 04 is running: one primary (db-1) takes the writes, two replicas take the reads.");
        System.out.println("  load balancer   " + base + "/   (reload it: 'served by' takes turns)");
        System.out.println("  a user          " + base + "/api/users/1   (sign-up of alice@example.com: "
                + alice.statusCode() + ")");
        for (WebServer server : topology.web().servers()) {
            System.out.println("  " + server.name() + "           http://127.0.0.1:"
                    + server.address().getPort() + "/");
        }
        System.out.println("Log in as alice@example.com / correct horse: the balancer pins you to one server.");
        System.out.println("Press Ctrl+C to stop.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            topology.close();
            stopped.countDown();
        }));
        long started = System.nanoTime();
        boolean killed = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 20 && !killed) {
                System.out.println(">>> killing the primary, "
                        + topology.data().cluster().primary().name());
                topology.data().cluster().primary().server().stop();
                killed = true;
            }
            ReplicationCluster cluster = topology.data().cluster();
            String replicas = cluster.replicas().stream()
                    .map(r -> r.name() + (cluster.liveReplicas().contains(r) ? " at " + position(r) : " DOWN"))
                    .collect(Collectors.joining(", "));
            System.out.printf(
                    "[%3d s] primary %s at %s | replicas: %s%n",
                    seconds, cluster.primary().name(), position(cluster.primary()), replicas);
        }
    }

    /**
     * Ends this JVM when the process that started it ends, even when that one is killed (Maven under
     * {@code ./course demo}, a shell, or the demo's own parent): a demo must not outlive its terminal
     * and keep holding its ports. The JDK watches a process that is not its child by polling.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
