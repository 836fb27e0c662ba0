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
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                JobQueue.GROUP,
                consumer,
                XReadGroupParams.xReadGroupParams().count(1).block((int) Math.max(1, wait.toMillis())),
                Map.of(JobQueue.STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
            return Optional.empty();
        }
        StreamEntry entry = read.get(0).getValue().get(0);
        return Optional.of(new Job(entry.getID().toString(), entry.getFields().get("photo"), 1));
    }

    public void ack(Job job) {
        StreamEntryID id = new StreamEntryID(job.id());
        // Wrong: two commands, one after the other; each is atomic on its own.
        redis.xack(JobQueue.STREAM, JobQueue.GROUP, id);
        redis.xdel(JobQueue.STREAM, id);
        redis.hdel(JobQueue.ERRORS, job.id());
    }
}
