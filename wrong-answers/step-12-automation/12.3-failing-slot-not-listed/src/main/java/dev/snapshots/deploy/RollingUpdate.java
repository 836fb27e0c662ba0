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
        for (String slot : fleet.slots()) {
            if (!replace(fleet, slot, build, readyDeadline)) {
                return new Rollout(
                        replaced, Optional.of(slot + ": not ready within " + readyDeadline.toMillis() + " ms"));
            }
            // Wrong: a slot is listed once it was replaced successfully; the one that failed is not.
            replaced.add(slot);
            Optional<String> problem = watch.problem(slot);
            if (problem.isPresent()) {
                return new Rollout(replaced, problem);
            }
        }
        return new Rollout(replaced, Optional.empty());
    }
}
