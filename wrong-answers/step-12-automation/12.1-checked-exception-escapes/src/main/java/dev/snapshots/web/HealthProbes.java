package dev.snapshots.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class HealthProbes {

    public static Answer live(Lifecycle server) {
        return new Answer(200, Map.of("status", "live"));
    }

    public static Answer ready(Lifecycle server) {
        List<String> reasons = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        if (server.markedSick()) {
            reasons.add("marked sick");
        }
        if (server.draining()) {
            reasons.add("draining");
        }
        if (!server.warmedUp()) {
            reasons.add("warming up");
        }
        for (Dependency dependency : server.dependencies()) {
            if (!answers(dependency)) {
                (dependency.required() ? reasons : degraded).add(dependency.name() + " unreachable");
            }
        }
        if (!reasons.isEmpty()) {
            return new Answer(503, Map.of("status", "not ready", "reasons", reasons));
        }
        return new Answer(200, Map.of("status", "ready", "degraded", degraded));
    }

    private static boolean answers(Dependency dependency) {
        try {
            dependency.check().run();
            return true;
        } catch (RuntimeException e) {
            return false;
        } catch (Exception e) {
            // Wrong: only a runtime exception counts as "unreachable"; a checked one (an IOException, a
            // time-out, an SQLException) is treated as a bug in the check and escapes: a 500.
            throw new IllegalStateException("the check of " + dependency.name() + " is broken", e);
        }
    }
}
