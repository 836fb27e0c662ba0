package dev.snapshots;

import dev.snapshots.deploy.Fleet;
import dev.snapshots.deploy.Tally;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.web.Build;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A topology's real fleet, watched (step 12): after every change the deployer makes (out of the pool,
 * stopped, started, in again), it counts the slots that serve, in the balancer's pool with a server
 * running. Counted at each change, not sampled by a thread that runs when it gets scheduled, so a
 * rollout that ever leaves fewer slots serving is seen on a busy machine as on a quiet one.
 */
final class WatchedFleet implements Fleet {

    private final Fleet fleet;
    private final BackendPool pool;
    private final Set<String> stopped = new HashSet<>();
    private final List<String> steps = new ArrayList<>();
    private int fewestServing = Integer.MAX_VALUE;

    WatchedFleet(Fleet fleet, BackendPool pool) {
        this.fleet = fleet;
        this.pool = pool;
    }

    /** The fewest slots serving after any change, of all slots (MAX_VALUE: no change yet). */
    synchronized int fewestServing() {
        return fewestServing;
    }

    /** Each change, with the slots serving after it: "takeOut web-1 → 2 serving", … */
    synchronized List<String> steps() {
        return List.copyOf(steps);
    }

    private synchronized void changed(String step) {
        int serving = 0;
        for (Backend backend : pool.healthy()) {
            if (!stopped.contains(backend.name())) {
                serving++;
            }
        }
        fewestServing = Math.min(fewestServing, serving);
        steps.add(step + " → " + serving + " serving");
    }

    @Override
    public List<String> slots() {
        return fleet.slots();
    }

    @Override
    public Build running(String slot) {
        return fleet.running(slot);
    }

    @Override
    public void takeOut(String slot) {
        fleet.takeOut(slot);
        changed("takeOut " + slot);
    }

    @Override
    public void putIn(String slot) {
        fleet.putIn(slot);
        changed("putIn " + slot);
    }

    @Override
    public void stop(String slot) throws InterruptedException {
        // Serving no more from the moment it begins to stop, in the count.
        synchronized (this) {
            stopped.add(slot);
        }
        fleet.stop(slot);
        changed("stop " + slot);
    }

    @Override
    public void start(String slot, Build build) {
        fleet.start(slot, build);
        synchronized (this) {
            stopped.remove(slot);
        }
        changed("start " + slot + " " + build.version());
    }

    @Override
    public boolean ready(String slot) {
        return fleet.ready(slot);
    }

    @Override
    public Tally tally(String slot) {
        return fleet.tally(slot);
    }
}
