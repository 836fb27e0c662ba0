package dev.snapshots.logging;

import dev.snapshots.http.BalancerProof;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What every server of ours does around each request it takes, in its {@code before} and
 * {@code after} handlers: say which server it is, give the request its id (exercise 10.1) and put
 * it in the logging context (exercise 10.2) for the request's every line, echo the id, and end with
 * one access line. Provided code.
 */
public final class RequestLogging {

    private static final String SCOPE = "logging.scope";
    private static final String STARTED = "logging.started";
    private static final String ID = "logging.request-id";

    /** Request headers an access line shows, when the request has them. */
    private static final List<String> LOGGED_HEADERS = List.of("Cookie", "Authorization", "User-Agent");

    private RequestLogging() {}

    /**
     * Before any handler of the request: returns its id (null until exercise 10.1 is done). Only our
     * own balancer's {@code X-Request-Id} is kept (it proves itself: {@link BalancerProof}); a
     * client's, however well-formed, would let it file its lines under another request's id, so a
     * request from a client gets a new id, and the client's own, when well-formed, is logged beside it
     * ({@link LogFields#CLIENT_REQUEST_ID}). Envoy does the same by default for requests from outside.
     */
    public static String begin(Context ctx, String service, String host) {
        LogFields.identify(service, host);
        String incoming = ctx.header(RequestIds.HEADER);
        boolean fromBalancer = BalancerProof.proves(ctx.header(BalancerProof.HEADER));
        String id = RequestIds.atEdge(fromBalancer ? incoming : null);
        // Well-formed exactly when atEdge keeps it as it is (exercise 10.1 decides).
        String clientId =
                !fromBalancer && incoming != null && incoming.equals(RequestIds.atEdge(incoming)) ? incoming : null;
        Map<String, String> fields = new HashMap<>();
        if (id != null) {
            fields.put(LogFields.REQUEST_ID, id);
        }
        if (clientId != null) {
            fields.put(LogFields.CLIENT_REQUEST_ID, clientId);
        }
        ctx.attribute(STARTED, System.nanoTime());
        ctx.attribute(SCOPE, LogContext.open(fields));
        if (id != null) {
            ctx.attribute(ID, id);
            ctx.header(RequestIds.HEADER, id);
        }
        return id;
    }

    /** The id {@link #begin} gave the request (null before, or without one). */
    public static String requestId(Context ctx) {
        return ctx.attribute(ID);
    }

    /**
     * After every handler, the exception handlers' answers included: one access line (method, path,
     * status, time, then {@code detail}; none when {@code log} is null), then the logging context as
     * it was before the request.
     * The request's {@code Cookie} and {@code Authorization} headers are fields of the line: a
     * session problem is debugged with them, and the masking (exercise 10.5) keeps their values out.
     */
    public static void end(Context ctx, Logger log, String detail) {
        try {
            // Echoed last: an answer copied from elsewhere (a backend's, a cached one) may carry another id.
            String id = requestId(ctx);
            if (id != null) {
                ctx.header(RequestIds.HEADER, id);
            }
            if (log == null) {
                return;
            }
            Long started = ctx.attribute(STARTED);
            long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
            var line = log.atInfo()
                    .setMessage("{} {} → {} in {} ms{}")
                    .addArgument(ctx.method())
                    .addArgument(ctx.path())
                    .addArgument(ctx.statusCode())
                    .addArgument(millis)
                    .addArgument(detail == null ? "" : " " + detail);
            for (String header : LOGGED_HEADERS) {
                String value = ctx.header(header);
                if (value != null) {
                    line = line.addKeyValue(header.toLowerCase(Locale.ROOT), value);
                }
            }
            line.log();
        } finally {
            LogContext.Scope scope = ctx.attribute(SCOPE);
            if (scope != null) {
                scope.close();
            }
        }
    }
}
