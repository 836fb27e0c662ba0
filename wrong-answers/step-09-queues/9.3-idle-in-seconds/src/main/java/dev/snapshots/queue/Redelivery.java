package dev.snapshots.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

public final class Redelivery {

    public Optional<Job> claimStale(String consumer) {
        // Wrong: XAUTOCLAIM's min-idle-time "in seconds, as the visibility timeout is configured".
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(
                JobQueue.STREAM,
                JobQueue.GROUP,
                consumer,
                visibilityTimeout.toSeconds(),
                new StreamEntryID(),
                new XAutoClaimParams().count(1));
        if (claimed == null
                || claimed.getValue().isEmpty()
                || claimed.getValue().get(0) == null) {
            return Optional.empty();
        }
        StreamEntry entry = claimed.getValue().get(0);
        List<StreamPendingEntry> pending =
                redis.xpending(JobQueue.STREAM, JobQueue.GROUP, new XPendingParams(entry.getID(), entry.getID(), 1));
        long deliveries = pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
        return Optional.of(new Job(entry.getID().toString(), entry.getFields().get("photo"), deliveries));
    }
}
