package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.TierMeters;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.Reference;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

@Tag("11.2")
@DisplayName(
        "11.2 The cache's hit ratio from the metrics is the cache's own; the queue's depth and oldest job are read live at each scrape")
class TierMetricsTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final String WEB = "web-1.snapshots.test";
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(1)
                .loadBalancer()
                .cache(Duration.ofSeconds(60))
                .queue(0, QueueSettings.defaults(), Duration.ZERO)
                .start();
        DNS.register(WEB, topology.web().servers().get(0).address());
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static Samples web() {
        return MetricsClient.scrape(topology.web().servers().get(0).address(), topology.metricsToken());
    }

    @Test
    void the_hit_ratio_from_the_metrics_is_the_one_the_cache_saw() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SiteClient.Response created = client.postJson(
                    "http://" + WEB + "/api/users",
                    "{\"name\": \"C\", \"email\": \"cache-%d-%d@example.com\", \"password\": \"correct horse\"}"
                            .formatted(i, System.nanoTime()));
            assertThat(created.status()).as("11.2: sign-up: %s", created).isEqualTo(201);
            users.add(created.header("Location"));
        }
        Samples before = web();
        long readsBefore = topology.data().reads();
        int lookups = 0;
        for (int round = 0; round < 6; round++) {
            for (String user : users) {
                assertThat(client.get("http://" + WEB + user).status()).isEqualTo(200);
                lookups++;
            }
        }
        long databaseReads = topology.data().reads() - readsBefore;
        Samples after = web();
        double hits = after.sum("cache_gets_total", Map.of("result", "hit"))
                - before.sum("cache_gets_total", Map.of("result", "hit"));
        double misses = after.sum("cache_gets_total", Map.of("result", "miss"))
                - before.sum("cache_gets_total", Map.of("result", "miss"));
        assertThat(hits + misses)
                .as("11.2: cache lookups counted (cache_gets_total) for %d reads of %d users", lookups, users.size())
                .isEqualTo(lookups);
        assertThat(misses)
                .as("11.2: misses counted, against the %d reads that reached the database", databaseReads)
                .isEqualTo(databaseReads);
        assertThat(hits / (hits + misses))
                .as(
                        "11.2: the hit ratio from the metrics, against the cache's own (%d of %d reads answered by it)",
                        lookups - databaseReads, lookups)
                .isEqualTo((double) (lookups - databaseReads) / lookups);
    }

    @Test
    void the_queues_gauges_are_read_at_each_scrape() throws InterruptedException {
        long depth = topology.tier(PhotoProcessing.class).queue().jobQueue().depth();
        upload(3);
        assertThat(web().sum("queue_depth", Map.of()))
                .as("11.2: queue_depth after 3 uploads with no worker (it was %d)", depth)
                .isEqualTo(depth + 3);
        upload(2);
        assertThat(web().sum("queue_depth", Map.of()))
                .as("11.2: queue_depth after 2 more: read again at this scrape, not kept from the first")
                .isEqualTo(depth + 5);
        Thread.sleep(1_100);
        assertThat(web().sum("queue_oldest_age_seconds", Map.of()))
                .as("11.2: queue_oldest_age_seconds, the oldest job queued more than 1.1 s ago")
                .isBetween(1.1, 30.0);
    }

    @Test
    void each_registry_counts_its_own_lookups_only() {
        // Two servers' registries, as two web servers in one process have: each counts its own lookups.
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        for (int i = 0; i < 3; i++) {
            TierMeters.cacheLookup(first, true);
        }
        TierMeters.cacheLookup(second, true);
        TierMeters.cacheLookup(second, false);
        TierMeters.cacheLookup(second, false);
        assertThat(new double[] {gets(first, "hit"), gets(first, "miss"), gets(second, "hit"), gets(second, "miss")})
                .as("11.2: cache.gets hit and miss in the first registry (3 hits looked up there), then in the"
                        + " second (1 hit, 2 misses)")
                .containsExactly(3, 0, 1, 2);
    }

    @Test
    void a_queue_that_does_not_answer_reads_as_no_value_not_as_empty() {
        // The test's own client, with room for a slow machine (the default is the cache's 100 ms): a
        // read that times out while the queue answers is the machine's, not the gauge's.
        var server = topology.tier(PhotoProcessing.class).queue().server();
        RedisClient redis = RedisClients.connect("127.0.0.1", server.port(), server.password(), Duration.ofSeconds(10));
        JobQueue queue = new JobQueue(redis);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try {
            TierMeters.bindQueue(registry, queue);
            Gauge depth = registry.find(TierMeters.QUEUE_DEPTH).gauge();
            Gauge age = registry.find(TierMeters.QUEUE_OLDEST_AGE).gauge();
            assertThat(depth).as("11.2: the gauge %s", TierMeters.QUEUE_DEPTH).isNotNull();
            assertThat(age)
                    .as("11.2: the gauge %s", TierMeters.QUEUE_OLDEST_AGE)
                    .isNotNull();
            double depthUp = depth.value();
            assertThat(depthUp)
                    .as("11.2: %s while the queue answers", TierMeters.QUEUE_DEPTH)
                    .isEqualTo(queue.depth());
            redis.close();
            double depthDown = depth.value();
            double ageDown = age.value();
            assertThat(Double.isNaN(depthDown) && Double.isNaN(ageDown))
                    .as(
                            "11.2: %s and %s read while the queue does not answer: %s and %s, where no value (NaN) is"
                                    + " the truth (a 0 says the queue is empty; it read %s while it answered)",
                            TierMeters.QUEUE_DEPTH, TierMeters.QUEUE_OLDEST_AGE, depthDown, ageDown, depthUp)
                    .isTrue();
        } finally {
            redis.close();
            registry.close();
            Reference.reachabilityFence(queue);
        }
    }

    private static double gets(MeterRegistry registry, String result) {
        Counter counter =
                registry.find(TierMeters.CACHE_GETS).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void upload(int count) {
        for (int i = 0; i < count; i++) {
            SiteClient.Response upload = client.send(
                    HttpRequest.newBuilder(client.resolve("http://" + WEB + "/api/photos"))
                            .header("Content-Type", "image/png")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(64, 48, i))),
                    "POST /api/photos");
            assertThat(upload.status()).as("11.2: upload: %s", upload).isEqualTo(202);
        }
    }
}
