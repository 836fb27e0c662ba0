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
        // Wrong: every delivery was an attempt.
        redis.xadd(
                JobQueue.DEAD_LETTERS,
                StreamEntryID.NEW_ENTRY,
                Map.of(
                        "job", job.id(),
                        "photo", job.photoId(),
                        "attempts", String.valueOf(job.deliveries()),
                        "error", error));
        photos.markFailed(job.photoId(), error);
        StreamEntryID id = new StreamEntryID(job.id());
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.xack(JobQueue.STREAM, JobQueue.GROUP, id);
            transaction.xdel(JobQueue.STREAM, id);
            transaction.hdel(JobQueue.ERRORS, job.id());
            transaction.exec();
        }
        return true;
    }
}
