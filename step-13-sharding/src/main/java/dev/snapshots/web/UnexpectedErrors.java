package dev.snapshots.web;

import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exercise 10.4: the answer to a bug. Whatever went wrong is ours, not the client's: it gets a
 * {@code 500} that says so and gives it nothing to learn about our code, but an id to quote. The
 * stack trace goes to the log, once, under the same id, where whoever runs the site finds it.
 */
final class UnexpectedErrors {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    private UnexpectedErrors() {}

    /**
     * Answers {@code ctx} with {@code 500} and {@link ApiError#internal} naming a new error id (from
     * {@link dev.snapshots.logging.RequestIds#newId()}): no exception class, message or stack trace
     * in the answer. Logs {@code failure} once at ERROR, with its stack trace, on a line whose
     * {@link dev.snapshots.logging.LogFields#ERROR_ID} field is that id.
     */
    static void handle(Exception failure, Context ctx) {
        String errorId = RequestIds.newId();
        // Once, with the throwable (its stack trace), inside a scope that adds the error id to this
        // line only: the request's other lines already have its request id.
        LogContext.Scope scope = LogContext.open(Map.of(LogFields.ERROR_ID, errorId));
        try {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        } finally {
            scope.close();
        }
        // The client learns that it was our fault and which id to quote; nothing about our code.
        ctx.status(500).json(ApiError.internal(errorId));
    }
}
