package dev.snapshots.lb;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

class Forwarder {

    HttpRequest toBackend(Context ctx, Backend backend) {
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        backend.uri(ctx.path() + (query == null ? "" : "?" + query)))
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
        // Each proxy appends the address it received the request from: "client, proxy1, proxy2".
        String earlier = ctx.header(FORWARDED_FOR);
        request.header(FORWARDED_FOR, earlier == null || earlier.isBlank() ? ctx.ip() : earlier + ", " + ctx.ip());
        return request.build();
    }

    void toClient(HttpResponse<byte[]> response, Context ctx) {
        ctx.status(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            header.getValue().forEach(value -> ctx.res().addHeader(name, value));
        }
        ctx.result(response.body());
    }
}
