package dev.snapshots.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two questions an orchestrator asks a server (exercise 12.1). Liveness, {@code GET
 * /health/live}: is the process working at all, or should it be restarted? Readiness, {@code GET
 * /health/ready}: may it be sent users' requests now? The balancer asks the second; a server can be
 * live and not ready (warming up, draining, its database unreachable), and restarting it would not
 * help.
 */
public final class HealthProbes {

    /** A probe's answer: its HTTP status (200 or 503) and its JSON body. */
    public record Answer(int status, Map<String, Object> body) {}

    private HealthProbes() {}

    /** {@code GET /health/live}: 200 as long as the process can answer at all. */
    public static Answer live(Lifecycle server) {
        // The process answers, so it works. Nothing it depends on is asked: when the data tier is down,
        // every server would fail this at once, and restarting them all would fix nothing.
        return new Answer(200, Map.of("status", "live"));
    }

    /**
     * {@code GET /health/ready}: 200 {"status":"ready", "degraded":[…]} when the server may take
     * traffic, 503 {"status":"not ready", "reasons":[…]} when it may not.
     */
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
