package dev.snapshots.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

public final class Delivery {

    public Optional<Job> take(String consumer, Duration wait) {
        // Wrong: from the start of the stream (0), "so that nothing is missed".
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                JobQueue.GROUP,
                consumer,
                XReadGroupParams.xReadGroupParams().count(1).block((int) Math.max(1, wait.toMillis())),
                Map.of(JobQueue.STREAM, new StreamEntryID()));
        if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
            return Optional.empty();
        }
        StreamEntry entry = read.get(0).getValue().get(0);
        return Optional.of(new Job(entry.getID().toString(), entry.getFields().get("photo"), 1));
    }

    public void ack(Job job) {
        StreamEntryID id = new StreamEntryID(job.id());
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.xack(JobQueue.STREAM, JobQueue.GROUP, id);
            transaction.xdel(JobQueue.STREAM, id);
            transaction.exec();
        }
        redis.hdel(JobQueue.ERRORS, job.id());
    }
}
