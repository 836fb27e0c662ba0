package dev.snapshots;

import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.deploy.Deployment;
import dev.snapshots.deploy.Pipeline;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.lb.Backend;
import dev.snapshots.web.Build;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What a rolling deploy buys, measured: v1 is replaced by v2 (which takes 300 ms to warm up) on 3
 * web servers behind the balancer, while 4 clients sign up and read users, three ways. All at
 * once: every server stopped, then every new one started. One at a time, but blind: each server
 * killed, its replacement put in the pool as soon as it listens. Rolling: the deployer, each server
 * taken out, drained, replaced, and put back once ready. Run it with {@code ./course bench
 * step-12-automation}; {@code --mine} runs it on your exercises.
 */
public final class Benchmark {

    private static final Build V2 = Build.of("v2").warmingUpFor(Duration.ofMillis(300));
    private static final int RUNS = 3;

    private Benchmark() {}

    /** A way to replace every web server's build. */
    private interface Strategy {
        void deploy(Topology topology) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        // The failed requests are what is counted here; the balancer's WARN line for each is not needed.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        System.out.printf(
                "Replacing v1 with v2 (300 ms to warm up) on 3 web servers under 4 clients, %d runs each:%n", RUNS);
        System.out.printf("%-34s %10s %10s %8s %9s%n", "strategy", "deploy", "requests", "failed", "failed %");
        measure("all at once", Benchmark::allAtOnce);
        measure("one at a time, no readiness/drain", Benchmark::blindOneByOne);
        measure("rolling: ready-gated, drained", topology -> {
            Deployment deployment = topology.tier(DeployTier.class)
                    .deployer()
                    .deploy(topology.tier(DeployTier.class).pipeline().release(V2, Pipeline.TestRun.passed(120)));
            if (deployment.outcome() != Deployment.Outcome.DEPLOYED) {
                throw new IllegalStateException("the rolling deploy did not complete: " + deployment);
            }
        });
    }

    private static void measure(String name, Strategy strategy) throws Exception {
        long millis = 0;
        long requests = 0;
        long failed = 0;
        for (int run = 0; run < RUNS; run++) {
            DeploySettings settings = new DeploySettings(
                    Duration.ofMillis(50),
                    2,
                    1,
                    Duration.ofMillis(150),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    20,
                    0.05);
            try (Topology topology = Topology.builder(new DnsRegistry())
                    .webServers(3)
                    .loadBalancer()
                    .passwordHasher(new PasswordHasher(1_000))
                    .deploys(settings)
                    .start()) {
                String site =
                        "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
                try (LoadClients load = new LoadClients(site, 4, Duration.ofMillis(1))) {
                    Thread.sleep(500);
                    long requestsBefore = load.requests();
                    long failedBefore = load.failed();
                    long start = System.nanoTime();
                    strategy.deploy(topology);
                    millis += (System.nanoTime() - start) / 1_000_000;
                    // Until the last new server is warm, whatever the strategy.
                    Thread.sleep(500);
                    requests += load.requests() - requestsBefore;
                    failed += load.failed() - failedBefore;
                }
            }
        }
        System.out.printf(
                "%-34s %7d ms %10d %8d %8.2f%%%n",
                name, millis / RUNS, requests / RUNS, failed / RUNS, 100.0 * failed / Math.max(1, requests));
    }

    /** Every server stopped, then every new one started and put in the pool: downtime in between. */
    private static void allAtOnce(Topology topology) {
        List<WebServer> old = topology.web().servers();
        for (WebServer server : old) {
            topology.loadBalancer().pool().remove(server.name());
            topology.web().stop(server);
        }
        for (WebServer server : old) {
            WebServer fresh = topology.web().start(server.name(), V2);
            topology.loadBalancer().pool().add(new Backend(fresh.name(), fresh.address()));
        }
    }

    /** One server at a time, killed, its replacement put in the pool as soon as it listens. */
    private static void blindOneByOne(Topology topology) {
        for (WebServer server : topology.web().servers()) {
            topology.web().kill(server.name());
            WebServer fresh = topology.web().start(server.name(), V2);
            topology.loadBalancer().pool().remove(server.name());
            topology.loadBalancer().pool().add(new Backend(fresh.name(), fresh.address()));
        }
    }
}
