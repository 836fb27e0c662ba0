package dev.snapshots.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        // Wrong: "degraded" only when something is degraded; a healthy server's answer has no such field.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        if (!degraded.isEmpty()) {
            body.put("degraded", degraded);
        }
        return new Answer(200, body);
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
