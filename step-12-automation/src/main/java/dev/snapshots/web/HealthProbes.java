package dev.snapshots.web;

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
        // TODO 12.1: answer 200 {"status":"live"}. Ask nothing the server depends on: what would a
        //  restart of every web server fix when the data tier is down?
        throw new UnsupportedOperationException("TODO 12.1: answer the liveness probe (see the README)");
    }

    /**
     * {@code GET /health/ready}: 200 {"status":"ready", "degraded":[…]} when the server may take
     * traffic, 503 {"status":"not ready", "reasons":[…]} when it may not.
     */
    public static Answer ready(Lifecycle server) {
        // TODO 12.1: not ready while marked sick, draining or warming up, or while a required dependency
        //  does not answer its check (a check that throws is a "no", never a 500); an optional one that does
        //  not answer is listed under "degraded" and the server stays ready. Until then: step 11's /health,
        //  which only knows whether the server was marked sick.
        return server.markedSick()
                ? new Answer(503, Map.of("status", "not ready"))
                : new Answer(200, Map.of("status", "ready"));
    }
}
