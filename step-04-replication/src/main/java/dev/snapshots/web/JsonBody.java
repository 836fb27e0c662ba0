package dev.snapshots.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** Reads a request body as JSON, turning anything unreadable into a 400 instead of a 500. */
final class JsonBody {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonBody() {}

    static <T> T read(Context ctx, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(ctx.body(), type);
        } catch (Exception e) {
            throw new BadRequestResponse("the body must be a JSON object like " + example(type));
        }
        if (value == null) {
            throw new BadRequestResponse("the body must be a JSON object like " + example(type));
        }
        return value;
    }

    private static String example(Class<?> type) {
        StringBuilder fields = new StringBuilder("{");
        for (var component : type.getRecordComponents()) {
            fields.append(fields.length() > 1 ? ", " : "")
                    .append('"')
                    .append(component.getName())
                    .append("\": \"…\"");
        }
        return fields.append('}').toString();
    }
}
