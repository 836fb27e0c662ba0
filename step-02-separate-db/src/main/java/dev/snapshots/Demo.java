package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs step 02's finished system as two separate processes, one per tier, and prints where to look.
 * Stop it with Ctrl+C. Start it from the repository root with {@code ./course demo step-02-separate-db}.
 *
 * <p>Each tier can also be started on its own, as in production:
 * {@code java -cp … dev.snapshots.Demo data-tier} and {@code
 * SNAPSHOTS_DB_URL=jdbc:h2:tcp://127.0.0.1:9092/snapshots SNAPSHOTS_DB_PASSWORD=$(cat
 * target/demo-data/password.txt) java -cp … dev.snapshots.Demo web-tier}.
 */
public final class Demo {

    private static final int DB_PORT = Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "9092"));
    private static final int WEB_PORT = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
    /** The data tier's files, and its password (owner-only), kept between runs. */
    private static final Path DATA = Path.of("target", "demo-data").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        exitWithParent();
        switch (args.length == 0 ? "both" : args[0]) {
            case "data-tier" -> runDataTier();
            case "web-tier" -> runWebTier();
            default -> runBoth();
        }
    }

    private static void runDataTier() throws InterruptedException {
        DatabaseServer database = DatabaseServer.start(DB_PORT, DATA);
        System.out.println("data tier: H2 server at " + database.jdbcUrl("snapshots"));
        untilStopped(database::close);
    }

    private static void runWebTier() throws InterruptedException {
        WebServer web = Topology.webServer("web-1", DataTierConfig.fromEnvironment(), new PasswordHasher(), WEB_PORT);
        System.out.println(
                "web tier: web-1 at http://127.0.0.1:" + web.address().getPort());
        untilStopped(web::close);
    }

    /** Starts each tier as a child process of this one and the console, then shows what to try. */
    private static void runBoth() throws Exception {
        TierProcess data = new TierProcess("database", DB_PORT, () -> child("data-tier", null, null));
        // The web tier gets the data tier's password the way production hands out secrets: through
        // its environment, which only its own user can read, never on a command line anyone can see.
        TierProcess web = new TierProcess(
                "web-1",
                WEB_PORT,
                () -> child(
                        "web-tier",
                        "jdbc:h2:tcp://127.0.0.1:" + DB_PORT + "/snapshots",
                        DatabaseServer.passwordIn(DATA)));
        String base = "http://127.0.0.1:" + WEB_PORT;
        Traffic traffic = new Traffic(URI.create(base + "/"));
        ConsoleServer console = new ConsoleServer(new TopologyView(traffic, web, data)).start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            web.stop();
            data.stop();
        }));
        data.start();
        web.start();

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> alice = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/users"))
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"name\": \"Alice\", \"email\": \"alice@example.com\", \"password\": \"correct horse\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        System.out.println();
        System.out.println("The console (send traffic, kill a tier, start it again, watch):");
        System.out.println("  " + console.address());
        System.out.println(
                "Step 02 is running: two tiers, two processes (pids " + data.pid() + " and " + web.pid() + ").");
        System.out.println("  web page        " + base + "/");
        System.out.println("  users (JSON)    " + base + "/api/users/1   (sign-up of alice@example.com: "
                + alice.statusCode() + ")");
        System.out.println("  data tier       jdbc:h2:tcp://127.0.0.1:" + DB_PORT
                + "/snapshots   (user sa, password in target/demo-data/password.txt)");
        System.out.println("Try: kill the web tier's pid and start it again: the users are still there.");
        System.out.println("     kill the data tier's pid: the API answers 503 at once, and recovers when it is back.");
        System.out.println("Press Ctrl+C to stop both.");
        new CountDownLatch(1).await();
    }

    private static Process child(String tier, String dbUrl, String dbPassword) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Demo.class.getName(), tier)
                .inheritIO();
        if (dbUrl != null) {
            builder.environment().put(DataTierConfig.URL_VARIABLE, dbUrl);
            builder.environment().put(DataTierConfig.PASSWORD_VARIABLE, dbPassword);
        }
        return builder.start();
    }

    private static void untilStopped(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
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
