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
        // Wrong: the delivery count read before the claim, "which changes nothing".
        List<StreamPendingEntry> before = redis.xpending(
                JobQueue.STREAM,
                JobQueue.GROUP,
                new XPendingParams().start(new StreamEntryID()).end(StreamEntryID.MAXIMUM_ID).count(1));
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(
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
        StreamEntry entry = claimed.getValue().get(0);
        long deliveries = before.stream()
                .filter(p -> p.getID().equals(entry.getID()))
                .mapToLong(StreamPendingEntry::getDeliveredTimes)
                .findFirst()
                .orElse(1);
        return Optional.of(new Job(entry.getID().toString(), entry.getFields().get("photo"), deliveries));
    }
}
