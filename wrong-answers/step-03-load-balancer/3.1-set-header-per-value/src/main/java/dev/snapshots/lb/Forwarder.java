package dev.snapshots.lb;

import java.util.List;
import java.util.Locale;
import java.util.Map;

class Forwarder {

    void toClient(HttpResponse<byte[]> response, Context ctx) {
        ctx.status(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            // Wrong: every value replaces the one before, so a header sent several times keeps only its last value.
            for (String value : header.getValue()) {
                ctx.header(name, value);
            }
        }
        ctx.result(response.body());
    }
}
