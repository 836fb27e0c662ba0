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
            try {
                dependency.check().run();
            } catch (Exception e) {
                // Wrong: the reason carries the exception's own text, "to help whoever reads it".
                (dependency.required() ? reasons : degraded)
                        .add(dependency.name() + " unreachable: " + e.getMessage());
            }
        }
        if (!reasons.isEmpty()) {
            return new Answer(503, Map.of("status", "not ready", "reasons", reasons));
        }
        return new Answer(200, Map.of("status", "ready", "degraded", degraded));
    }
}
