package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class RollingUpdate {

    public static Rollout roll(Fleet fleet, Build build, Duration readyDeadline, Watch watch)
            throws InterruptedException {
        List<String> replaced = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        for (String slot : fleet.slots()) {
            replaced.add(slot);
            if (!replace(fleet, slot, build, readyDeadline)) {
                return new Rollout(
                        replaced, Optional.of(slot + ": not ready within " + readyDeadline.toMillis() + " ms"));
            }
            // Wrong: a problem the watch finds is noted, and the rollout goes on (fails open).
            Optional<String> problem = watch.problem(slot);
            if (problem.isPresent() && failure.isEmpty()) {
                failure = problem;
            }
        }
        return new Rollout(replaced, failure);
    }
}
