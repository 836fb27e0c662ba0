package dev.snapshots.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body as one JSON object, turning anything else into a 400 instead of a 500, and a
 * body over {@link #MAX_BYTES} into a 413.
 */
final class JsonBody {

    /**
     * The largest body a web server reads, in bytes: a sign-up or a login is well under 1 KiB, so
     * 16 KiB leaves room and still stops a client from making the server buffer megabytes.
     * {@link WebServer} hands it to Javalin, which refuses to read more.
     */
    static final long MAX_BYTES = 16 * 1024;
    /** How much of a refused body its log line shows. */
    private static final int LOGGED_BODY = 300;

    private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // One value and nothing after it: "{...} x" or two objects in a row is not a body.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A key twice is ambiguous (which email?): refused, instead of silently keeping the last.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBody() {}

    static <T> T read(Context ctx, Class<T> type) {
        String body;
        try {
            body = ctx.body();
        } catch (HttpResponseException e) {
            // Javalin stops reading past config.http.maxRequestSize: a 413, not a 400 about JSON.
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                throw new ContentTooLargeResponse("the body must be at most " + MAX_BYTES + " bytes");
            }
            throw e;
        }
        // The server reads bodies up to a photo's size (step 09); a JSON body's limit is much smaller.
        // It is checked once the body is read, not from its Content-Length before: a server that
        // answers before reading what is sent closes the connection under the sender, which the load
        // balancer cannot tell from a crash (it would answer 502).
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ContentTooLargeResponse("the body must be at most " + MAX_BYTES + " bytes");
        }
        return parse(body, type);
    }

    /** {@code body} as a {@code type}; a {@link BadRequestResponse} unless it is exactly one JSON object. */
    static <T> T parse(String body, Class<T> type) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree != null && tree.isObject()) {
                T value = MAPPER.treeToValue(tree, type);
                if (value != null) {
                    return value;
                }
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // fall through: the same answer for every body that is not one object of the right shape
        }
        // What was sent, to see why it was refused (a client's bug, or someone probing): the start of
        // it, which may hold a password; the masking (exercise 10.5) takes it out.
        LOG.info(
                "refused a {} body: {}",
                type.getSimpleName(),
                body.length() <= LOGGED_BODY ? body : body.substring(0, LOGGED_BODY) + "…");
        throw new BadRequestResponse("the body must be one JSON object like " + example(type) + ", each key once");
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
