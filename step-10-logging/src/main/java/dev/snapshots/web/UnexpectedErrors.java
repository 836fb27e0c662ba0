package dev.snapshots.web;

import io.javalin.http.Context;
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
        // TODO 10.4: one ERROR line with the stack trace and an error id in its context; the same id in
        //  the answer. Until then: the stack trace is logged with no id to find it by.
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        ctx.status(500).json(new ApiError("internal error"));
    }
}
