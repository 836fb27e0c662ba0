package dev.snapshots.web;

import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.RequestIds;
import io.javalin.http.Context;
import java.util.Map;

final class UnexpectedErrors {

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
