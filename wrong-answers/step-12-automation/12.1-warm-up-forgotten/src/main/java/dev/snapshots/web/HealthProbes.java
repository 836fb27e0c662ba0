package dev.snapshots.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class HealthProbes {

    public static Answer live(Lifecycle server) {
        // The process answers, so it works. Nothing it depends on is asked: when the data tier is down,
        // every server would fail this at once, and restarting them all would fix nothing.
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
        for (Dependency dependency : server.dependencies()) {
            if (!answers(dependency)) {
                // Without the cache the server is slower, not broken: taking every server out because a
                // shared, optional dependency is down would turn a slow site into a site that is down.
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
        } catch (Exception e) {
            return false;
        }
    }
}
