package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.NewUser;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Runs step 01's finished system on this machine and prints where to look, its live console first.
 * Stop it with Ctrl+C.
 * Start it from the repository root with {@code ./course demo step-01-single-server}.
 */
public final class Demo {

    public static void main(String[] args) throws InterruptedException {
        exitWithParent();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
        Topology topology = Topology.start(new DnsRegistry(), port);
        var alice = topology.users().register(new NewUser("Alice", "alice@example.com", "correct horse"));
        String base = "http://127.0.0.1:" + topology.webServer().address().getPort();
        Traffic traffic = new Traffic(URI.create(base + "/"));
        ConsoleServer console = new ConsoleServer(new TopologyView(topology, traffic)).start(0);

        System.out.println();
        System.out.println("The console (send traffic, stop the server, watch):");
        System.out.println("  " + console.address());
        System.out.println("Step 01 is running: one server holds everything.");
        System.out.println("  web page         " + base + "/");
        System.out.println("  a user (JSON)    " + base + "/api/users/" + alice.id());
        System.out.println("  health           " + base + "/health");
        System.out.println("  log in with      alice@example.com / correct horse   (on the web page)");
        System.out.println("Press Ctrl+C to stop it, and watch the whole site go down with it.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            topology.close();
            stopped.countDown();
        }));
        stopped.await();
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
