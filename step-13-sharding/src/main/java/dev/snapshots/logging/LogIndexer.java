package dev.snapshots.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The indexer (Logstash's or Vector's job): reads the pipeline's stream as a consumer group, parses
 * each line, adds it to the {@link LogStore}, and only then acknowledges and deletes it, so a line
 * is never lost between the stream and the store: what it read and could not store, it reads again.
 * Provided code.
 */
public final class LogIndexer implements AutoCloseable {

    static final String GROUP = "indexers";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisClient redis;
    private final LogStore store;
    private final Thread thread;
    private final LongAdder indexed = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private volatile boolean running = true;

    public LogIndexer(RedisClient redis, LogStore store) {
        this.redis = redis;
        this.store = store;
        createGroup();
        this.thread = new Thread(this::run, "log-indexer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The indexers' group, reading from the stream's start; made with the stream if need be. */
    private void createGroup() {
        try {
            redis.xgroupCreate(LogSettings.STREAM, GROUP, new StreamEntryID(), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Lines added to the store so far. */
    public long indexed() {
        return indexed.sum();
    }

    /** Lines that were not JSON: stored with their text as the message, and counted here. */
    public long unreadable() {
        return unreadable.sum();
    }

    private void run() {
        // ">" reads lines no one was given yet; "0" reads again those this indexer was given and did not
        // acknowledge: after a failure, those first, so a batch the store refused is stored later.
        boolean rereadPending = true;
        while (running) {
            try {
                List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                        GROUP,
                        "indexer-1",
                        XReadGroupParams.xReadGroupParams().count(500).block(50),
                        Map.of(
                                LogSettings.STREAM,
                                rereadPending ? new StreamEntryID() : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
                    rereadPending = false;
                    continue;
                }
                List<StreamEntry> entries = read.get(0).getValue();
                List<LogLine> lines = new ArrayList<>(entries.size());
                for (StreamEntry entry : entries) {
                    lines.add(parse(entry.getFields().getOrDefault("line", "")));
                }
                store.add(lines);
                StreamEntryID[] ids = entries.stream().map(StreamEntry::getID).toArray(StreamEntryID[]::new);
                try (AbstractTransaction transaction = redis.multi()) {
                    transaction.xack(LogSettings.STREAM, GROUP, ids);
                    transaction.xdel(LogSettings.STREAM, ids);
                    transaction.exec();
                }
                indexed.add(lines.size());
            } catch (JedisDataException e) {
                rereadPending = true;
                // A pipeline that restarted empty has lost the group with the stream: make them again.
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP") && running) {
                    recreateGroup();
                } else if (running) {
                    pause();
                }
            } catch (RuntimeException e) {
                rereadPending = true;
                if (!running) {
                    return;
                }
                // The pipeline or the store is down: what was read stays pending; ask again shortly.
                pause();
            }
        }
    }

    private LogLine parse(String json) {
        try {
            JsonNode line = JSON.readTree(json);
            return new LogLine(
                    0,
                    Instant.parse(line.path("time").asText()),
                    text(line, "level"),
                    text(line, "service"),
                    text(line, "host"),
                    text(line, LogFields.REQUEST_ID),
                    text(line, LogFields.ERROR_ID),
                    text(line, "message"),
                    json);
        } catch (Exception notJson) {
            unreadable.increment();
            return new LogLine(0, Instant.now(), null, null, null, null, null, json, json);
        }
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private void recreateGroup() {
        try {
            createGroup();
        } catch (RuntimeException stillDown) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
    }
}
