package dev.snapshots;

import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardingTier;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The chapter's whole final architecture on one machine: DNS, the load balancer, three stateless web
 * servers (each a deployable build with its probes), the CDN edge, the cache, the session tier, a
 * queue with two workers, the log tier, the scraper, and the users sharded over four shards, each a
 * primary with its replica. It prints every address, then plays users; after 10 s it adds a fifth
 * shard while they go on. A status line each second shows each shard's users and reads; the console
 * it prints first draws the whole system, live, with a shard to add a click away. Start it from the
 * repository root with {@code ./course demo step-13-sharding}; stop with Ctrl+C. (Step 08's second
 * data centre runs in {@code ./course demo 08}.)
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer()
                .replicas(1)
                .cache(Duration.ofSeconds(30))
                .cdn()
                .queue(2)
                .logs()
                .metrics()
                .deploys(DeploySettings.defaults())
                .shards(4)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        String site = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        LoadClients load = new LoadClients(site, 4, Duration.ofMillis(10));
        Traffic traffic = new Traffic(URI.create(site + "/api/users?limit=5"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            load.close();
            topology.close();
            stopped.countDown();
        }));

        System.out.println();
        System.out.println("The console (the whole system, live; add a shard, kill a web server):");
        System.out.println("  " + console.address());
        printAddresses(topology, site);
        narrate(topology, view, console, load, stopped);
    }

    private static void printAddresses(Topology topology, String site) {
        System.out.println("Step 13 is running: the whole system, on this machine.");
        System.out.println("  the site (load balancer):  " + site + "/");
        System.out.println("  the newest users:          " + site + "/api/users?limit=5");
        System.out.println("  the CDN edge:              http://127.0.0.1:"
                + topology.tier(EdgeTier.class).server().address().getPort() + "/");
        System.out.println("  a web server's readiness:  http://127.0.0.1:"
                + topology.web().server("web-1").address().getPort() + "/health/ready");
        System.out.println("  the balancer's metrics:    curl -s -H 'Authorization: Bearer " + topology.metricsToken()
                + "' " + site + "/metrics");
        System.out.println("  the log search:            curl -s -H 'Authorization: Bearer "
                + topology.tier(LogPipeline.class).searchToken() + "' 'http://127.0.0.1:"
                + topology.tier(LogPipeline.class).searchAddress().getPort()
                + "/api/logs?request_id=<an X-Request-Id>'");
        System.out.println("Press Ctrl+C to stop.");
    }

    /**
     * Every second until the demo stops: the clients' requests and failures, each shard's users and
     * reads; at 10 s a fifth shard is added while the clients go on, unless the console added it first.
     */
    private static void narrate(
            Topology topology, TopologyView view, ConsoleServer console, LoadClients load, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean resharded = false;
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            double second = (System.nanoTime() - started) / 1e9;
            if (!resharded && second >= 10) {
                resharded = true;
                script(console, () -> {
                    if (topology.tier(ShardingTier.class).shards().size() >= 5) {
                        throw new IllegalStateException("shard-5 is there already");
                    }
                    return view.addShard() + ", while the clients went on";
                });
            }
            Map<String, String> shards = new TreeMap<>();
            for (Shard shard : topology.tier(ShardingTier.class).shards().values()) {
                shards.put(shard.name(), shard.rows() + " users, " + shard.readsServed() + " reads");
            }
            System.out.printf("[%4.1f s] requests %d, failed %d; %s%n", second, load.requests(), load.failed(), shards);
        }
    }

    /** One step of the demo's script, said here and on the console's timeline; skipped if the console did it first. */
    private static void script(ConsoleServer console, Supplier<String> step) {
        try {
            String done = step.get();
            System.out.println(">>> " + done);
            console.timeline().add(done + " (the demo's script)");
        } catch (IllegalStateException notNow) {
            System.out.println(">>> the demo's script skips a step: " + notNow.getMessage());
        }
    }

    /** Ends this JVM when the process that started it ends, so a killed {@code ./course demo} leaves nothing behind. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
