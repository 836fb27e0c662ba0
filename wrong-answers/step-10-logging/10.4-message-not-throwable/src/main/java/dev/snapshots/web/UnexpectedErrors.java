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
            // Wrong: the failure as text, a placeholder's argument, not the throwable: no stack trace.
            LOG.error("unexpected error on {} {}: {}", ctx.method(), ctx.path(), failure.toString());
        } finally {
            scope.close();
        }
        ctx.status(500).json(ApiError.internal(errorId));
    }
}
