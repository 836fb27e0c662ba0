package dev.snapshots;

import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs step 08's finished system: the site in two data centres, us-east and eu-west, each step 07's
 * whole stack, an ocean (40 ms each way) between them, and one GeoDNS server in front. Ask it with
 * {@code dig} as a client of either region; eu-west's web tier dies after 30 s and comes back 30 s
 * later: ask again and watch the answer move and return. Start it from the repository root with
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
        System.out.println();
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
            site.close();
            stopped.countDown();
        }));
        Topology euWest = site.centre(GlobalSite.EU_WEST);
        int[] ports = euWest.web().servers().stream()
                .mapToInt(s -> s.address().getPort())
                .toArray();
        String[] names = euWest.web().servers().stream().map(WebServer::name).toArray(String[]::new);
        long started = System.nanoTime();
        boolean killed = false;
        boolean restarted = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 30 && !killed) {
                System.out.println(">>> eu-west's web tier dies: EU clients are answered us-east within a TTL");
                for (String name : names) {
                    euWest.web().kill(name);
                }
                killed = true;
            } else if (seconds >= 60 && !restarted) {
                System.out.println(">>> eu-west is back: EU clients return to it");
                for (int i = 0; i < names.length; i++) {
                    euWest.web().restart(names[i], ports[i]);
                }
                restarted = true;
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

    /**
     * Ends this JVM when the process that started it ends, even when that one is killed (Maven under
     * {@code ./course demo}, a shell, or the demo's own parent): a demo must not outlive its terminal
     * and keep holding its ports. The JDK watches a process that is not its child by polling.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
