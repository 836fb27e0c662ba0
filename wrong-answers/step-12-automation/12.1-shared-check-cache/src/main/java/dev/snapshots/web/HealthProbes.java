package dev.snapshots.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class HealthProbes {

    // Wrong: the dependencies' verdicts are cached for 200 ms in static fields, for every server at once,
    // "so that the balancer's checks every 25 ms do not hammer the data tier".
    private static volatile long checkedAt;
    private static volatile List<String> unreachableRequired = List.of();
    private static volatile List<String> unreachableOptional = List.of();

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
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > 200_000_000L) {
            List<String> required = new ArrayList<>();
            List<String> optional = new ArrayList<>();
            for (Dependency dependency : server.dependencies()) {
                if (!answers(dependency)) {
                    (dependency.required() ? required : optional).add(dependency.name() + " unreachable");
                }
            }
            unreachableRequired = required;
            unreachableOptional = optional;
            checkedAt = now;
        }
        reasons.addAll(unreachableRequired);
        if (!reasons.isEmpty()) {
            return new Answer(503, Map.of("status", "not ready", "reasons", reasons));
        }
        return new Answer(200, Map.of("status", "ready", "degraded", unreachableOptional));
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
