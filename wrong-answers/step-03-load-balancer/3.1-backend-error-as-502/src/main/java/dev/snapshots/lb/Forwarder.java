package dev.snapshots.lb;

import java.util.List;
import java.util.Locale;
import java.util.Map;

class Forwarder {

    void toClient(HttpResponse<byte[]> response, Context ctx) {
        // Wrong: a backend that answers with an error is treated as a failed backend.
        if (response.statusCode() >= 400) {
            ctx.status(502).json(Map.of("error", "bad gateway: the web server failed"));
            return;
        }
        ctx.status(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<String> values = header.getValue();
            ctx.res().setHeader(name, values.get(0));
            values.subList(1, values.size()).forEach(value -> ctx.res().addHeader(name, value));
        }
        ctx.result(response.body());
    }
}
