package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.deploy.Deployment;
import dev.snapshots.deploy.Pipeline;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.Build;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs step 12's finished system under steady traffic and deploys to it four times, printing what
 * each deploy did and how many requests failed meanwhile: v2, which takes a second to warm up
 * (deployed); v3, whose tests failed (refused); v3-buggy, which fails 30% of its requests (rolled
 * back from its metrics); and v4, which never gets ready (rolled back at its deadline). A status
 * line each second shows each slot's version and whether the balancer sends it traffic; the console
 * it prints first draws each slot as it goes, with more releases a click away. Start it from the
 * repository root with {@code ./course demo step-12-automation}; stop with Ctrl+C.
 */
public final class Demo {

    /** Slower than the tests, so that each step of a rollout shows on the status line. */
    private static final DeploySettings SETTINGS = new DeploySettings(
            Duration.ofMillis(100),
            2,
            2,
            Duration.ofMillis(400),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            30,
            0.05);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer()
                .cache(Duration.ofSeconds(30))
                .deploys(SETTINGS)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        String site = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        LoadClients load = new LoadClients(site, 4, Duration.ofMillis(20));
        Traffic traffic = new Traffic(URI.create(site + "/api/users/1"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        view.reportingTo(console.timeline());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            console.close();
            traffic.close();
            load.close();
            topology.close();
            stopped.countDown();
        }));

        System.out.println();
        System.out.println("The console (deploy a good or a bad release, mark a server sick, watch the slots):");
        System.out.println("  " + console.address());
        System.out.println("Step 12 is running: " + site + "/ with 3 web servers, 4 clients, and a deployer.");
        System.out.println("Each server's version: curl -si " + site + "/ | grep X-Version");
        System.out.println("A server's probes:     curl -s http://127.0.0.1:"
                + topology.web().server("web-1").address().getPort() + "/health/ready");
        System.out.println("Press Ctrl+C to stop.");
        Thread status = new Thread(() -> printStatus(topology, load, running), "demo-status");
        status.setDaemon(true);
        status.start();
        Thread.sleep(3_000);
        deploy(console, view, load, Build.of("v2").warmingUpFor(Duration.ofSeconds(1)), passed());
        deploy(console, view, load, Build.of("v3"), new Pipeline.TestRun(120, 2, 0));
        deploy(console, view, load, Build.of("v3-buggy").failing(0.3), passed());
        deploy(console, view, load, Build.of("v4").neverReady(), passed());
        System.out.println("Four deploys done; the site runs on. Press Ctrl+C to stop.");
        stopped.await();
    }

    private static Pipeline.TestRun passed() {
        return Pipeline.TestRun.passed(120);
    }

    /**
     * One deploy of the demo's script, through the console's view (so that the console shows it), said
     * here and on the console's timeline; skipped if a deploy started from the console is running.
     */
    private static void deploy(
            ConsoleServer console, TopologyView view, LoadClients load, Build build, Pipeline.TestRun tests)
            throws InterruptedException {
        System.out.printf("%n>>> deploying %s%n", build.version());
        long requests = load.requests();
        long failed = load.failed();
        long start = System.nanoTime();
        Deployment deployment;
        try {
            deployment = view.deploy(build, tests);
        } catch (IllegalStateException busy) {
            System.out.printf("<<< the demo's script skips %s: %s%n%n", build.version(), busy.getMessage());
            Thread.sleep(2_000);
            return;
        }
        console.timeline().add(TopologyView.outcome(deployment) + " (the demo's script)");
        System.out.printf(
                "<<< %s: %s%s in %.1f s; serving %s; %d requests meanwhile, %d failed%n%n",
                build.version(),
                deployment.outcome(),
                deployment.reason().isEmpty() ? "" : " (" + deployment.reason() + ")",
                (System.nanoTime() - start) / 1e9,
                deployment.serving(),
                load.requests() - requests,
                load.failed() - failed);
        Thread.sleep(2_000);
    }

    private static void printStatus(Topology topology, LoadClients load, AtomicBoolean running) {
        long started = System.nanoTime();
        while (running.get()) {
            Map<String, String> slots = new TreeMap<>();
            for (WebServer server : topology.web().servers()) {
                boolean serving = topology.loadBalancer().pool().isUp(server.name());
                slots.put(server.name(), server.version() + (serving ? "" : " (out)"));
            }
            System.out.printf(
                    "[%4.1f s] %s  requests %d, failed %d%n",
                    (System.nanoTime() - started) / 1e9, slots, load.requests(), load.failed());
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ends this JVM when the process that started it ends, so a killed {@code ./course demo} leaves nothing behind. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
