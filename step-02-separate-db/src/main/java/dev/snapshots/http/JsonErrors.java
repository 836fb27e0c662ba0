package dev.snapshots.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;

/**
 * The error answers every server of the course gives alike: {@code {"error": "…"}} and nothing
 * more. An error's body names nothing behind the server: no exception's text, no other server's
 * name, address or port. Its log has them, for whoever runs it; the client only learns what kind of
 * failure it was. The only messages passed on are Javalin's own about the request (a body too
 * large) and a stub's, which says which exercise is not done yet. (The web servers' own mapping,
 * {@code web/ErrorResponses}, knows the domain's exceptions too.) Provided code.
 */
public final class JsonErrors {

    private JsonErrors() {}

    /**
     * Answers an exception that escapes a route: an answer Javalin chose for the request itself
     * (a body over the limit: 413), a stub (501), a client that hung up before its body ended
     * (400, logged as news: it is not this server's failure), and anything else: {@code
     * failureStatus} with {@code failureMessage}, logged in full as {@code "<who> failed on …"}.
     */
    public static void install(JavalinConfig config, Logger log, String who, int failureStatus, String failureMessage) {
        config.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> ctx.status(e.getStatus()).json(error(e.getMessage())));
        config.routes.exception(
                UnsupportedOperationException.class,
                (e, ctx) -> ctx.status(501).json(error(e.getMessage() == null ? "not implemented" : e.getMessage())));
        config.routes.exception(EofException.class, (e, ctx) -> {
            log.info("client went away during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(400).json(error("the request ended before its body did"));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} failed on {} {}", who, ctx.method(), ctx.path(), e);
            ctx.status(failureStatus).json(error(failureMessage));
        });
    }

    /**
     * A path or a method no route serves gets a JSON 404 or 405 instead of Jetty's page. Only for a
     * server that answers itself: a route's own 404 (one with a body already) is left as it is.
     */
    public static void noRoute(JavalinConfig config) {
        config.routes.error(404, ctx -> {
            if (ctx.result() == null) {
                ctx.json(error("not found"));
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.result() == null) {
                ctx.json(error("method not allowed"));
            }
        });
    }

    /** The body of an error answer. */
    public static Map<String, String> error(String message) {
        return Map.of("error", message);
    }
}
