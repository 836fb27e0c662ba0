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
        // Wrong: JUSTID, "only the id is needed, the fields are heavy".
        Map.Entry<StreamEntryID, List<StreamEntryID>> claimed = redis.xautoclaimJustId(
                JobQueue.STREAM,
                JobQueue.GROUP,
                consumer,
                visibilityTimeout.toMillis(),
                new StreamEntryID(),
                new XAutoClaimParams().count(1));
        if (claimed == null
                || claimed.getValue().isEmpty()
                || claimed.getValue().get(0) == null) {
            return Optional.empty();
        }
        StreamEntryID id = claimed.getValue().get(0);
        List<StreamEntry> entries = redis.xrange(JobQueue.STREAM, id, id, 1);
        String photo = entries.isEmpty() ? null : entries.get(0).getFields().get("photo");
        List<StreamPendingEntry> pending =
                redis.xpending(JobQueue.STREAM, JobQueue.GROUP, new XPendingParams(id, id, 1));
        long deliveries = pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
        return Optional.of(new Job(id.toString(), photo, deliveries));
    }
}
