package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.redis.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs step 08's finished system: the site in two data centres, us-east and eu-west, each step 07's
 * whole stack, an ocean (40 ms each way) between them, and one GeoDNS server in front. Ask it with
 * {@code dig} as a client of either region; eu-west's web tier dies after 30 s and comes back 30 s
 * later: ask again and watch the answer move and return, or watch it on the console it prints first
 * (both centres live, with their faults a click away). Start it from the repository root with
 * {@code ./course demo step-08-geodns}; stop with Ctrl+C.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        GlobalSite site = GlobalSite.builder().start();
        int dnsPort = site.dns().address().getPort();
        // An EU client's traffic, to the centre DNS gave it at first: it keeps that address.
        Traffic traffic = new Traffic(URI.create("http://127.0.0.1:"
                + site.centre(GlobalSite.EU_WEST).loadBalancer().address().getPort() + "/"));
        TopologyView view = new TopologyView(site, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        System.out.println();
        System.out.println("The console (send traffic to eu-west, kill a centre, cut the ocean, watch):");
        System.out.println("  " + console.address());
        System.out.println("Step 08 is running: two data centres behind a GeoDNS server (answers last 5 s).");
        for (GlobalSite.Centre centre : new GlobalSite.Centre[] {GlobalSite.US_EAST, GlobalSite.EU_WEST}) {
            System.out.println("  " + centre.name() + " (" + centre.region() + ")   http://127.0.0.1:"
                    + site.centre(centre).loadBalancer().address().getPort() + "/");
        }
        System.out.println("Ask the DNS server as an EU client, then as a US client:");
        System.out.println("  dig @127.0.0.1 -p " + dnsPort + " snapshots.test SRV +subnet=203.0.113.0/24");
        System.out.println("  dig @127.0.0.1 -p " + dnsPort + " snapshots.test SRV +subnet=198.51.100.0/24");
        System.out.println("Press Ctrl+C to stop.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            site.close();
            stopped.countDown();
        }));
        Topology euWest = site.centre(GlobalSite.EU_WEST);
        long started = System.nanoTime();
        boolean killed = false;
        boolean restarted = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 30 && !killed) {
                killed = true;
                script(console, () -> view.killCentre("eu-west"));
            } else if (seconds >= 60 && !restarted) {
                restarted = true;
                script(console, () -> view.restartCentre("eu-west"));
            }
            System.out.printf(
                    "[%3d s] us-east %s, eu-west %s; session copies sent/dropped: us-east %d/%d, eu-west %d/%d%n",
                    seconds,
                    site.isUp("us-east") ? "up" : "DOWN",
                    site.isUp("eu-west") ? "up" : "DOWN",
                    site.centre(GlobalSite.US_EAST).dataCentre().peerSessions().sent(),
                    site.centre(GlobalSite.US_EAST).dataCentre().peerSessions().dropped(),
                    euWest.dataCentre().peerSessions().sent(),
                    euWest.dataCentre().peerSessions().dropped());
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
