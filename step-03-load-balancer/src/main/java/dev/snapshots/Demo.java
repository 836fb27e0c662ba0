package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.BackendPool;
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
 * Runs step 03's finished system (a data tier, three web servers, a load balancer with health
 * checks) and plays a short outage: web-2 dies after 20 s and comes back 20 s later. Watch the pool
 * line it prints, or the console it prints first (the picture, live, with its faults a click away),
 * and reload the page: "served by" changes with every request.
 * Start it from the repository root with {@code ./course demo step-03-load-balancer}; stop with Ctrl+C.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer(port)
                .start();
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(500));
        String base = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        Traffic traffic = new Traffic(URI.create(base + "/"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        int alice = signUpAlice(base);

        System.out.println();
        System.out.println("The console (send traffic, kill a web server, watch):");
        System.out.println("  " + console.address());
        System.out.println("Step 03 is running: clients reach only the load balancer.");
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
     * Every 5 s until the demo stops: the balancer's pool and the requests each web server served; at
     * 20 s web-2 is killed, at 40 s started again, unless the console did it first.
     */
    private static void narrate(Topology topology, TopologyView view, ConsoleServer console, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean killed = false;
        boolean restarted = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 20 && !killed) {
                killed = true;
                script(console, () -> view.kill("web-2"));
            } else if (seconds >= 40 && !restarted) {
                restarted = true;
                script(console, () -> view.restart("web-2"));
            }
            BackendPool pool = topology.loadBalancer().pool();
            String state = pool.all().stream()
                    .map(b -> b.name() + (pool.isUp(b.name()) ? " up" : " DOWN"))
                    .collect(Collectors.joining(", "));
            String served = topology.web().servers().stream()
                    .map(s -> s.name() + "=" + s.requestsServed())
                    .collect(Collectors.joining(" "));
            System.out.printf("[%3d s] pool: %s | requests served: %s%n", seconds, state, served);
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
