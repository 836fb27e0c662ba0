package dev.snapshots.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

public final class Redelivery {

    public Optional<Job> claimStale(String consumer) {
        // Wrong: look for a stale entry first, then claim it: two steps, "so that the idle test is ours".
        List<StreamPendingEntry> stale = redis.xpending(
                JobQueue.STREAM,
                JobQueue.GROUP,
                new XPendingParams()
                        .idle(visibilityTimeout.toMillis())
                        .start(new StreamEntryID())
                        .end(StreamEntryID.MAXIMUM_ID)
                        .count(1));
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        StreamEntryID id = stale.get(0).getID();
        List<StreamEntry> claimed = redis.xclaim(
                JobQueue.STREAM,
                JobQueue.GROUP,
                consumer,
                0,
                XClaimParams.xClaimParams(),
                id);
        if (claimed.isEmpty() || claimed.get(0) == null) {
            return Optional.empty();
        }
        StreamEntry entry = claimed.get(0);
        return Optional.of(new Job(
                entry.getID().toString(), entry.getFields().get("photo"), stale.get(0).getDeliveredTimes() + 1));
    }
}
