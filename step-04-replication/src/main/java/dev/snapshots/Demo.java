package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs step 04's finished system (a primary and two replicas in semi-synchronous mode, three web
 * servers, the balancer) and plays a failover: the primary dies after 20 s. Watch the positions
 * each database has reached, and which one is the primary, in the lines it prints or on the console
 * it prints first (the picture, live, with its faults a click away). Stop with Ctrl+C.
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
        // Reads of alice, the user signed up below: they go to the replicas, in turn.
        Traffic traffic = new Traffic(URI.create(base + "/api/users/1"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        int alice = signUpAlice(base);

        System.out.println();
        System.out.println("The console (send traffic, kill the primary, watch the failover):");
        System.out.println("  " + console.address());
        System.out.println("Step 04 is running: one primary (db-1) takes the writes, two replicas take the reads.");
        System.out.println("  load balancer   " + base + "/   (reload it: 'served by' takes turns)");
        System.out.println(
                "  a user          " + base + "/api/users/1   (sign-up of alice@example.com: " + alice + ")");
        for (WebServer server : topology.web().servers()) {
            System.out.println("  " + server.name() + "           http://127.0.0.1:"
                    + server.address().getPort() + "/");
        }
        System.out.println("Log in as alice@example.com / correct horse: the balancer pins you to one server.");
        System.out.println("Press Ctrl+C to stop.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            topology.close();
            stopped.countDown();
        }));
        narrate(topology, view, console, stopped);
    }

    /** Signs alice@example.com up through the balancer; returns the answer's status. */
    private static int signUpAlice(String base) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/users"))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"name\": \"Alice\", \"email\": \"alice@example.com\", \"password\": \"correct horse\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /**
     * Every 5 s until the demo stops: the primary and each replica's log position; at 20 s the
     * primary (db-1) is killed and the monitor fails over, unless the console did it first.
     */
    private static void narrate(Topology topology, TopologyView view, ConsoleServer console, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean killed = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 20 && !killed) {
                killed = true;
                script(console, () -> {
                    if (!topology.data().cluster().primary().name().equals("db-1")) {
                        throw new IllegalStateException("db-1 is no longer the primary");
                    }
                    return view.killPrimary();
                });
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

    /** One step of the demo's outage, said here and on the console's timeline; skipped if the console did it first. */
    private static void script(ConsoleServer console, Supplier<String> step) {
        try {
            String done = step.get();
            System.out.println(">>> " + done);
            console.timeline().add(done + " (the demo's script)");
        } catch (IllegalStateException notNow) {
            System.out.println(">>> the demo's script skips a step: " + notNow.getMessage());
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
