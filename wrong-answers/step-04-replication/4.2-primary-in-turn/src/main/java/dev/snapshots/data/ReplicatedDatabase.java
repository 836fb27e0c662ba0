package dev.snapshots.data;

import java.util.ArrayList;
import java.util.List;

public final class ReplicatedDatabase {

    DbNode pickReadNode() {
        // Wrong: the primary takes its turn with the replicas ("it is a database too, use its capacity").
        List<DbNode> nodes = new ArrayList<>(cluster.liveReplicas());
        nodes.add(cluster.primary());
        return nodes.get((int) Math.floorMod(turns.getAndIncrement(), (long) nodes.size()));
    }
}
