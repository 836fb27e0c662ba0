package dev.snapshots;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.JsonLineEncoder;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.LogSettings;
import dev.snapshots.net.SlowLink;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.WebServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * What central logging costs a request, measured: {@value #REQUESTS} reads through the balancer
 * (two lines each: the balancer's access line and the web server's) with no log tier, with every
 * line shipped through each server's buffer, the same with the pipeline down, and with every line
 * sent to the pipeline from the request's own thread, the pipeline {@value #PIPELINE_MICROS} µs
 * away each way. Run it with {@code ./course bench step-10-logging} (your exercises with
 * {@code --mine}).
 */
public final class Benchmark {

    static final int REQUESTS = 1_000;
    static final int WARM_UP = 200;
    static final int PIPELINE_MICROS = 500;

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        measure(true, false, false); // a whole round to warm the JVM up, not shown
        System.out.printf("Request latency, %d reads through the balancer (2 log lines each):%n", REQUESTS);
        System.out.printf("%-44s %9s %9s %9s%n", "", "p50", "p95", "p99");
        long[] none = measure(false, false, false);
        print("console only (no log tier)", none);
        long[] buffered = measure(true, false, false);
        print("shipped through a buffer", buffered);
        print("shipped through a buffer, pipeline down", measure(true, true, false));
        long[] inline = measure(false, false, true);
        print("shipped in the request, pipeline " + PIPELINE_MICROS * 2 / 1000.0 + " ms away", inline);
        System.out.printf(
                "%-44s %8.1fx%n",
                "in the request / through a buffer (p50)", percentile(inline, 50) / percentile(buffered, 50));
    }

    /** Times the reads on a fresh site: with a log tier, its pipeline stopped, or shipping in the request. */
    private static long[] measure(boolean logTier, boolean pipelineDown, boolean shipInline) throws Exception {
        TopologyBuilder builder =
                Topology.builder(new DnsRegistry()).webServers(2).loadBalancer();
        if (logTier) {
            builder.logs(LogSettings.defaults());
        }
        try (Topology topology = builder.start();
                InlineShipping inline = shipInline ? InlineShipping.attach(topology) : null) {
            if (pipelineDown) {
                topology.tier(LogPipeline.class).server().stop();
            }
            HttpClient http = HttpClient.newHttpClient();
            String site =
                    "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(site + "/api/users"))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"name\": \"Bench\", \"email\": \"bench@example.com\", \"password\": \"correct horse\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            URI user =
                    URI.create(site + created.headers().firstValue("Location").orElseThrow());
            long[] nanos = new long[REQUESTS];
            for (int i = -WARM_UP; i < REQUESTS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer =
                        http.send(HttpRequest.newBuilder(user).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("GET " + user + " → " + answer.statusCode() + " " + answer.body());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            return nanos;
        }
    }

    /**
     * The way not to ship: an appender that sends each line of the site's servers to a pipeline from
     * the thread that wrote it, so every request waits for a round trip per line.
     */
    private static final class InlineShipping extends UnsynchronizedAppenderBase<ILoggingEvent>
            implements AutoCloseable {

        private final Set<String> hosts = new HashSet<>();
        private final JsonLineEncoder encoder = new JsonLineEncoder();
        private final RedisServer pipeline = RedisServer.startTemporary(LogSettings.redisSettings());
        private final SlowLink link = new SlowLink(
                new InetSocketAddress("127.0.0.1", pipeline.port()), Duration.ofNanos(PIPELINE_MICROS * 1_000L));
        private final RedisClient redis =
                RedisClients.connect("127.0.0.1", link.address().getPort(), pipeline.password(), Duration.ofSeconds(1));

        static InlineShipping attach(Topology topology) {
            InlineShipping shipping = new InlineShipping();
            shipping.hosts.add(topology.loadBalancer().logHost());
            topology.web().servers().stream().map(WebServer::logHost).forEach(shipping.hosts::add);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            shipping.setContext(context);
            shipping.encoder.setContext(context);
            shipping.encoder.start();
            shipping.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(shipping);
            return shipping;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (hosts.contains(event.getMDCPropertyMap().get(LogFields.HOST))) {
                String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
                redis.xadd(LogSettings.STREAM, StreamEntryID.NEW_ENTRY, Map.of("line", line));
            }
        }

        @Override
        public void close() {
            ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
            stop();
            redis.close();
            link.close();
            pipeline.close();
        }
    }

    private static void print(String label, long[] nanos) {
        System.out.printf(
                "%-44s %6.2f ms %6.2f ms %6.2f ms%n",
                label, percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }
}
