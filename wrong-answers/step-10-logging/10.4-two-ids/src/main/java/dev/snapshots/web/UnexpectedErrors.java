package dev.snapshots.web;

import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import java.util.Map;

final class UnexpectedErrors {

    static void handle(Exception failure, Context ctx) {
        LogContext.Scope scope = LogContext.open(Map.of(LogFields.ERROR_ID, RequestIds.newId()));
        try {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
        } finally {
            scope.close();
        }
        // Wrong: a second call makes the answer's id: the log line and the answer disagree.
        ctx.status(500).json(ApiError.internal(RequestIds.newId()));
    }
}
