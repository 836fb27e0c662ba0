package dev.snapshots.web;

import dev.snapshots.http.EntityTags;
import io.javalin.http.Context;

/**
 * Sends a page or an asset with its {@code ETag} ({@link OriginCachePolicy#etag}), or {@code 304 Not
 * Modified} without a body when the client (a browser, the CDN edge) already holds that version and
 * says so in {@code If-None-Match}. Provided.
 */
final class ConditionalGet {

    private ConditionalGet() {}

    static void send(Context ctx, byte[] body, String contentType) {
        ctx.contentType(contentType);
        String etag = OriginCachePolicy.etag(body);
        if (etag != null) {
            ctx.header("ETag", etag);
            String held = ctx.header("If-None-Match");
            if (held != null && EntityTags.matches(held, etag)) {
                ctx.status(304);
                return;
            }
        }
        ctx.result(body);
    }
}
