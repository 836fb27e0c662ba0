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
        if (server.markedSick()) {
            reasons.add("marked sick");
        }
        if (server.draining()) {
            reasons.add("draining");
        }
        if (!server.warmedUp()) {
            reasons.add("warming up");
        }
        // Wrong: every dependency that does not answer is a reason, required or not.
        for (Dependency dependency : server.dependencies()) {
            if (!answers(dependency)) {
                reasons.add(dependency.name() + " unreachable");
            }
        }
        if (!reasons.isEmpty()) {
            return new Answer(503, Map.of("status", "not ready", "reasons", reasons));
        }
        return new Answer(200, Map.of("status", "ready", "degraded", List.of()));
    }

    private static boolean answers(Dependency dependency) {
        try {
            dependency.check().run();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
