package dev.snapshots;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Users of the site for the demo and the benchmark (step 12): a few clients, each signing up a user
 * then reading one back, in turn, until stopped. An answer of 5xx, or no answer at all, is a failed
 * request. Each client signs up at most {@value #POPULATION} users, then signs the same ones up again
 * (answered 409: the address is taken), so a demo can run for hours without its data growing.
 */
final class LoadClients implements AutoCloseable {

    /** Users one client signs up before it starts again from its first. */
    static final int POPULATION = 5_000;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Starts {@code clients} clients of the site at {@code site} ("http://127.0.0.1:port"), {@code pause} apart. */
    LoadClients(String site, int clients, Duration pause) {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> play(site, client, pause), "load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void play(String site, int client, Duration pause) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // One run's own addresses: a demo started again on the same data signs up users anew.
        long run = System.currentTimeMillis();
        List<Long> signedUp = new ArrayList<>(); // then read back, in turn
        for (long i = 0; running.get(); i++) {
            HttpRequest request = i % 2 == 0
                    ? HttpRequest.newBuilder(URI.create(site + "/api/users"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\": \"Load\", \"email\": \"load-" + run + "-" + client + "-"
                                            + (i / 2) % POPULATION
                                            + "@example.com\", \"password\": \"correct horse\"}"))
                            .timeout(Duration.ofSeconds(10))
                            .build()
                    : HttpRequest.newBuilder(URI.create(site + "/api/users/"
                                    + (signedUp.isEmpty() ? 1 : signedUp.get((int) (i / 2 % signedUp.size())))))
                            .timeout(Duration.ofSeconds(10))
                            .build();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() >= 500) {
                    failed.increment();
                } else if (answer.statusCode() == 201) {
                    String body = answer.body();
                    int at = body.indexOf("\"id\":");
                    if (at >= 0) {
                        signedUp.add(Long.parseLong(
                                body.substring(at + 5).split("[,}]")[0].trim()));
                    }
                }
            } catch (IOException e) {
                failed.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requests.increment();
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long requests() {
        return requests.sum();
    }

    long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
