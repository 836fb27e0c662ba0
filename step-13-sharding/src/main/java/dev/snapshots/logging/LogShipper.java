package dev.snapshots.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;

/**
 * Exercise 10.3: one server's log shipper, as Fluent Bit or Vector would run beside it. Lines go
 * into a bounded buffer; a thread of its own sends them in batches to the pipeline's stream. The
 * request that wrote a line never waits for the pipeline: when it is down, the thread keeps its
 * batch and tries again, the buffer fills, and what no longer fits is dropped and counted.
 */
public final class LogShipper implements AutoCloseable {

    private final BlockingQueue<String> buffer;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder shipped = new LongAdder();
    private final AtomicLong failures = new AtomicLong();
    private final RedisClient redis;
    private final LogSettings settings;
    private final Thread thread;
    private volatile boolean running = true;

    /** Ships to the pipeline {@code redis} reaches (it owns that client), tuned by {@code settings}. */
    public LogShipper(String name, RedisClient redis, LogSettings settings) {
        this.buffer = new ArrayBlockingQueue<>(settings.bufferLines());
        this.redis = redis;
        this.settings = settings;
        this.thread = new Thread(this::run, "log-shipper-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands {@code line} to the shipper; true if it was taken. Called on the thread that logs (a
     * request's), so it returns at once whatever the pipeline does: a line the buffer has no room
     * for is dropped, counted in {@link #dropped()}, and false is returned. It never throws.
     */
    public boolean offer(String line) {
        // offer(), never put(): a full buffer must cost the request nothing. The line is lost, and
        // counted, so the loss shows instead of hiding.
        if (buffer.offer(line)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Lines dropped because the buffer was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Lines the pipeline has taken. */
    public long shipped() {
        return shipped.sum();
    }

    /** Times a batch could not be sent (the pipeline was down); each is tried again. */
    public long failures() {
        return failures.get();
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        while (running || !batch.isEmpty() || !buffer.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    String first = buffer.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    buffer.drainTo(batch, settings.batchLines() - 1);
                }
                send(batch);
                shipped.add(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException pipelineDown) {
                // Keep the batch: the pipeline may come back. Meanwhile the buffer fills, and offer drops.
                failures.incrementAndGet();
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(settings.retryPause().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One round trip for the whole batch; the stream is trimmed to its length, roughly (cheaply). */
    private void send(List<String> batch) {
        XAddParams params =
                XAddParams.xAddParams().maxLen(settings.streamLength()).approximateTrimming();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String line : batch) {
                pipeline.xadd(LogSettings.STREAM, params, Map.of("line", line));
            }
            pipeline.sync();
        }
    }

    /** Sends what is buffered (waiting at most a second for the pipeline), then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        redis.close();
    }
}
