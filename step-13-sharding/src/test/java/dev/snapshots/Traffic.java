package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady load through the balancer while something changes behind it (step 12): a few clients, each
 * signing up a user then reading one back, in turn, until stopped (60 s at most). Every answer of 5xx,
 * and every request that got no answer, is a failure. How many servers serve is not sampled here (a
 * sampler thread sees only the moments it gets scheduled): {@link WatchedFleet} counts them at every
 * change the deployer makes.
 */
final class Traffic implements AutoCloseable {

    /** A request that failed: what it was, its status (-1: no answer), the version that answered, the body. */
    record Failure(String request, int status, String version, String body) {}

    private static final Duration LONGEST = Duration.ofSeconds(60);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> versions = new ConcurrentHashMap<>();

    private Traffic() {}

    /** Starts {@code clients} clients of the site at {@code dns}. */
    static Traffic start(DnsRegistry dns, int clients) {
        Traffic traffic = new Traffic();
        long deadline = System.nanoTime() + LONGEST.toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            traffic.thread("client-" + c, () -> traffic.client(new SiteClient(dns), client, deadline));
        }
        return traffic;
    }

    private void thread(String name, Runnable body) {
        Thread thread = new Thread(body, "traffic-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void client(SiteClient site, int client, long deadline) {
        long id = 0;
        for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
            String description = "";
            try {
                SiteClient.Response answer;
                if (i % 2 == 0) {
                    description = "sign-up";
                    answer = site.postJson(
                            "http://snapshots.test/api/users",
                            "{\"name\": \"Load\", \"email\": \"load-" + client + "-" + i + "-" + System.nanoTime()
                                    + "@example.com\", \"password\": \"correct horse\"}");
                    if (answer.status() == 201) {
                        id = answer.json().get("id").asLong();
                    }
                } else {
                    description = "read of user " + id;
                    answer = site.get("http://snapshots.test/api/users/" + id);
                }
                requests.increment();
                String version = answer.header(WebServer.VERSION);
                versions.computeIfAbsent(String.valueOf(version), v -> new LongAdder())
                        .increment();
                if (answer.status() >= 500) {
                    failures.add(new Failure(description, answer.status(), version, answer.body()));
                }
            } catch (RuntimeException e) {
                requests.increment();
                failures.add(new Failure(description, -1, null, e.toString()));
            }
            pause(1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every client, and waits for them. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long requests() {
        return requests.sum();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Answers counted per {@code X-Version} ("null": none, such as the balancer's own 503). */
    Map<String, Long> versions() {
        Map<String, Long> counted = new TreeMap<>();
        versions.forEach((version, count) -> counted.put(version, count.sum()));
        return counted;
    }

    /** A summary for failure messages. */
    String summary() {
        List<Failure> failed = failures();
        return requests() + " requests, " + failed.size() + " failed (first: "
                + failed.subList(0, Math.min(3, failed.size())) + "), versions " + versions();
    }
}
