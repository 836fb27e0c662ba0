package dev.snapshots.web;

import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import java.util.Map;

final class UnexpectedErrors {

    static void handle(Exception failure, Context ctx) {
        // Wrong: a short id, easy to read out on the phone, like a short commit hash.
        String errorId = RequestIds.newId().substring(0, 7);
        LogContext.Scope scope = LogContext.open(Map.of(LogFields.ERROR_ID, errorId));
        try {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        } finally {
            scope.close();
        }
        ctx.status(500).json(ApiError.internal(errorId));
    }
}
