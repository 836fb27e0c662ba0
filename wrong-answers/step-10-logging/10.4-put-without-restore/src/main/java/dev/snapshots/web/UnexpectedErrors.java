package dev.snapshots.web;

import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import org.slf4j.MDC;

final class UnexpectedErrors {

    static void handle(Exception failure, Context ctx) {
        String errorId = RequestIds.newId();
        // Wrong: the id put in the context and left there: a scope opened, never closed.
        MDC.put(LogFields.ERROR_ID, errorId);
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        ctx.status(500).json(ApiError.internal(errorId));
    }
}
