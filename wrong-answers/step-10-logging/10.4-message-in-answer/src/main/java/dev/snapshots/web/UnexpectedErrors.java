package dev.snapshots.web;

import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import java.util.Map;

final class UnexpectedErrors {

    static void handle(Exception failure, Context ctx) {
        String errorId = RequestIds.newId();
        LogContext.Scope scope = LogContext.open(Map.of(LogFields.ERROR_ID, errorId));
        try {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        } finally {
            scope.close();
        }
        // Wrong: "helpful": the exception's message goes to the client with the id.
        ctx.status(500).json(new ApiError("internal error: " + failure.getMessage(), Map.of(), errorId));
    }
}
