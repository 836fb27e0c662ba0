package dev.snapshots.web;

import dev.snapshots.domain.DataTierUnavailableException;
import dev.snapshots.domain.EmailTakenException;
import dev.snapshots.domain.HashingBusyException;
import dev.snapshots.domain.InvalidUserException;
import dev.snapshots.photos.QueueFullException;
import dev.snapshots.photos.QueueUnavailableException;
import dev.snapshots.photos.UploadRejectedException;
import dev.snapshots.session.SessionTierUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error with the right status. Bad input is the client's fault
 * (4xx, with a message that helps fix it); a bug is ours (500, with no stack trace in the response).
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static void register(JavalinConfig config) {
        config.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> ctx.status(e.getStatus()).json(new ApiError(e.getMessage())));
        config.routes.exception(
                InvalidUserException.class,
                (e, ctx) -> ctx.status(400).json(new ApiError("invalid user", e.problems())));
        config.routes.exception(
                EmailTakenException.class, (e, ctx) -> ctx.status(409).json(new ApiError(e.getMessage())));
        // Too many password hashes at once: say so at once, and when to come back, instead of queueing.
        config.routes.exception(HashingBusyException.class, (e, ctx) -> {
            LOG.warn("hashing busy on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(503)
                    .header("Retry-After", "1")
                    .json(new ApiError("too many logins and sign-ups at once; try again shortly"));
        });
        config.routes.exception(DataTierUnavailableException.class, ErrorResponses::dataTierUnavailable);
        config.routes.exception(SessionTierUnavailableException.class, (e, ctx) -> {
            LOG.warn("session tier unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(503)
                    .header("Retry-After", "1")
                    .json(new ApiError("sessions are unavailable; try again shortly"));
        });
        // Step 09: an upload refused by its checks, a full queue (backpressure), a queue tier down.
        config.routes.exception(
                UploadRejectedException.class,
                (e, ctx) -> ctx.status(e.status()).json(new ApiError(e.getMessage())));
        config.routes.exception(QueueFullException.class, (e, ctx) -> {
            LOG.warn("photo queue full on {} {}", ctx.method(), ctx.path());
            ctx.status(503)
                    .header(
                            "Retry-After",
                            String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                    .json(new ApiError(e.getMessage()));
        });
        config.routes.exception(QueueUnavailableException.class, (e, ctx) -> {
            LOG.warn(
                    "photo queue unavailable on {} {}: {}",
                    ctx.method(),
                    ctx.path(),
                    e.getCause().toString());
            ctx.status(503).header("Retry-After", "1").json(new ApiError(e.getMessage() + "; try again shortly"));
        });
        // A stub that is not written yet: say which exercise it is, so the tests can tell you.
        config.routes.exception(
                UnsupportedOperationException.class, (e, ctx) -> ctx.status(501).json(new ApiError(e.getMessage())));
        // A client that hung up before its body had all arrived: no one is left to answer, and it
        // is no bug here. Counted as the client's (4xx) and logged as news, never as a server error.
        config.routes.exception(EofException.class, (e, ctx) -> {
            LOG.info("client went away during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(400).json(new ApiError("the request ended before its body did"));
        });
        // Anything else is a bug of ours (exercise 10.4).
        config.routes.exception(Exception.class, UnexpectedErrors::handle);
    }

    /**
     * The database is down: not the client's fault and not a bug here, so neither 4xx nor 500.
     * Answer 503 Service Unavailable with an {@link ApiError} and a {@code Retry-After} header (in
     * seconds) telling clients when to try again.
     */
    static void dataTierUnavailable(DataTierUnavailableException e, Context ctx) {
        LOG.warn("data tier unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.status(503)
                .header("Retry-After", "1")
                .json(new ApiError("the data tier is unavailable; try again shortly"));
    }
}
