package dev.snapshots;

import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Horizontal scaling, measured: the throughput of 1, 2 and 3 web servers behind the balancer, when
 * each server has a fixed capacity ({@value #WORKERS} workers, {@value #SERVICE_MILLIS} ms per request,
 * so at most {@code 1000 / 20 × 4 = 200} requests a second). Run it with
 * {@code ./course bench step-03-load-balancer}: it uses your balancer (or the solution's with -Psolutions).
 */
public final class Benchmark {

    static final int WORKERS = 4;
    static final int SERVICE_MILLIS = 20;
    private static final int CLIENTS = 32;
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(4);

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "Each server: %d workers × %d ms per request = at most %d requests/s. %d clients, %d s per run.%n%n",
                WORKERS, SERVICE_MILLIS, WORKERS * 1000 / SERVICE_MILLIS, CLIENTS, MEASURE.toSeconds());
        System.out.printf("%-8s %12s %12s %14s %10s%n", "servers", "requests", "requests/s", "p50 latency", "vs 1");
        double base = 0;
        for (int servers = 1; servers <= 3; servers++) {
            Result r = run(servers);
            base = servers == 1 ? r.perSecond() : base;
            System.out.printf(
                    "%-8d %12d %12.0f %11.1f ms %9.2fx%n",
                    servers, r.requests(), r.perSecond(), r.p50Millis(), r.perSecond() / base);
        }
    }

    record Result(long requests, double perSecond, double p50Millis) {}

    /** A web server that can do only so much: WORKERS requests at a time, SERVICE_MILLIS each. */
    private static Javalin fixedCapacityServer() {
        Semaphore workers = new Semaphore(WORKERS, true);
        return Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.get("/work", ctx -> {
                        workers.acquire();
                        try {
                            Thread.sleep(SERVICE_MILLIS);
                        } finally {
                            workers.release();
                        }
                        ctx.result("done");
                    });
                })
                .start("127.0.0.1", 0);
    }

    private static Result run(int serverCount) throws Exception {
        List<Javalin> servers = new ArrayList<>();
        try (LoadBalancer lb = new LoadBalancer().start(0)) {
            for (int i = 1; i <= serverCount; i++) {
                Javalin server = fixedCapacityServer();
                servers.add(server);
                lb.pool().add(new Backend("bench-" + i, new java.net.InetSocketAddress("127.0.0.1", server.port())));
            }
            URI work = URI.create("http://127.0.0.1:" + lb.address().getPort() + "/work");
            HttpClient http = HttpClient.newHttpClient();
            AtomicLong done = new AtomicLong();
            long[] latencies = new long[200_000];
            AtomicLong recorded = new AtomicLong();
            long warmUntil = System.nanoTime() + WARM_UP.toNanos();
            long endAt = warmUntil + MEASURE.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(work)
                            .timeout(Duration.ofSeconds(10))
                            .build();
                    while (System.nanoTime() < endAt) {
                        long start = System.nanoTime();
                        try {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            continue;
                        }
                        if (start >= warmUntil && System.nanoTime() <= endAt) {
                            done.incrementAndGet();
                            long i = recorded.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[(int) i] = System.nanoTime() - start;
                            }
                        }
                    }
                    return null;
                });
            }
            clients.shutdown();
            clients.awaitTermination(MEASURE.toSeconds() + 15, TimeUnit.SECONDS);
            int n = (int) Math.min(recorded.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            double p50 = n == 0 ? 0 : sorted[n / 2] / 1e6;
            return new Result(done.get(), done.get() / (double) MEASURE.toSeconds(), p50);
        } finally {
            servers.forEach(Javalin::stop);
        }
    }
}
