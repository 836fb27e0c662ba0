package dev.snapshots.queue;

import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.StreamEntryID;

public final class PoisonJobs {

    public boolean buryIfExhausted(Job job) {
        if (job.deliveries() <= maxAttempts) {
            return false;
        }
        String error = redis.hget(JobQueue.ERRORS, job.id());
        if (error == null) {
            error = "no error recorded: its workers died with it";
        }
        redis.xadd(
                JobQueue.DEAD_LETTERS,
                StreamEntryID.NEW_ENTRY,
                Map.of(
                        "job", job.id(),
                        "photo", job.photoId(),
                        "attempts", String.valueOf(job.deliveries() - 1),
                        "error", error));
        photos.markFailed(job.photoId(), error);
        // Wrong: three commands, one after the other; the dead letter is safe already.
        StreamEntryID id = new StreamEntryID(job.id());
        redis.xack(JobQueue.STREAM, JobQueue.GROUP, id);
        redis.xdel(JobQueue.STREAM, id);
        redis.hdel(JobQueue.ERRORS, job.id());
        return true;
    }
}
