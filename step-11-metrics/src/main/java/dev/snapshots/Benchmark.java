package dev.snapshots;

import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * What two of step 11's choices save, measured. First, daily active users: a HyperLogLog against
 * an exact set of user ids, in Redis memory and in accuracy, for 10,000 to 1,000,000 users. Then
 * cardinality: the size of one server's {@code /metrics} when {@value #IDS} requests for
 * {@value #IDS} user ids are labelled with the route template, and with the raw path. Run it with
 * {@code ./course bench step-11-metrics}; it measures Redis and Micrometer themselves, not
 * your exercises, so {@code --mine} changes nothing.
 */
public final class Benchmark {

    static final int IDS = 1_000;

    private Benchmark() {}

    public static void main(String[] args) {
        activeUsers();
        System.out.println();
        cardinality();
    }

    private static void activeUsers() {
        System.out.println("Daily active users: an exact set against a HyperLogLog, in Redis:");
        System.out.printf("%-10s %12s %10s %8s %10s %9s%n", "users", "set", "HLL", "ratio", "HLL count", "error");
        // Room for the exact set of a million ids (about 50 MB), which the HLL does without.
        try (RedisServer server =
                        RedisServer.startTemporary(List.of("maxmemory 256mb", "maxmemory-policy noeviction"));
                RedisClient redis =
                        RedisClients.connect("127.0.0.1", server.port(), server.password(), Duration.ofSeconds(5))) {
            for (int users : new int[] {10_000, 100_000, 1_000_000}) {
                redis.del("bench:set", "bench:hll");
                for (int from = 0; from < users; from += 1_000) {
                    String[] batch = new String[Math.min(1_000, users - from)];
                    for (int i = 0; i < batch.length; i++) {
                        batch[i] = Long.toString(10_000_000L + from + i);
                    }
                    try (AbstractPipeline pipeline = redis.pipelined()) {
                        pipeline.sadd("bench:set", batch);
                        pipeline.pfadd("bench:hll", batch);
                        pipeline.sync();
                    }
                }
                long set = redis.memoryUsage("bench:set");
                long hll = redis.memoryUsage("bench:hll");
                long counted = redis.pfcount("bench:hll");
                System.out.printf(
                        "%-10d %9.1f KB %7.1f KB %7.0fx %10d %8.2f%%%n",
                        users,
                        set / 1024.0,
                        hll / 1024.0,
                        (double) set / hll,
                        counted,
                        100.0 * Math.abs(counted - users) / users);
            }
            redis.del("bench:set", "bench:hll");
        }
    }

    private static void cardinality() {
        System.out.printf("Cardinality: one server's /metrics after %d requests for %d user ids:%n", IDS, IDS);
        System.out.printf("%-28s %8s %12s%n", "route label", "series", "body");
        for (boolean template : new boolean[] {true, false}) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try {
                for (int id = 1; id <= IDS; id++) {
                    Timer.builder("http.server.requests")
                            .tag("method", "GET")
                            .tag("route", template ? "/api/users/{id}" : "/api/users/" + id)
                            .tag("status", "2xx")
                            .publishPercentileHistogram()
                            .register(registry)
                            .record(Duration.ofMillis(2));
                }
                String body = registry.scrape();
                long series = body.lines().filter(line -> !line.startsWith("#")).count();
                System.out.printf(
                        "%-28s %8d %9.1f KB%n",
                        template ? "the template /api/users/{id}" : "the raw path /api/users/42",
                        series,
                        body.length() / 1024.0);
            } finally {
                registry.close();
            }
        }
    }
}
