package dev.snapshots.lb;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

class Forwarder {

    HttpRequest toBackend(Context ctx, Backend backend) {
        // The raw path and query, as they arrived: ctx.queryParamMap() or a URLDecoder would turn %26 into a
        // separator and %zz into an error.
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
            // setHeader replaces what the balancer's server has set already (Javalin's default Content-Type,
            // Jetty's Date), so a header the backend sent once is there once, with the backend's value;
            // addHeader keeps every further value (each Set-Cookie).
            List<String> values = header.getValue();
            ctx.res().setHeader(name, values.get(0));
            values.subList(1, values.size()).forEach(value -> ctx.res().addHeader(name, value));
        }
        ctx.result(response.body());
    }
}
