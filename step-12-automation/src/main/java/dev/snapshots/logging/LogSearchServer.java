package dev.snapshots.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.http.BearerToken;
import dev.snapshots.http.JsonErrors;
import dev.snapshots.http.ServerSetup;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log search endpoint (Kibana's or Grafana's question, as an API): {@code GET /api/logs} with
 * {@code request_id} or {@code error_id} answers every matching line, from every tier, oldest
 * first. Logs say a lot about users, so it asks for this run's token ({@code Authorization: Bearer
 * …}) like everything else the course starts. Provided code.
 */
public final class LogSearchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogSearchServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most lines one answer holds, and how many when the client does not say. */
    static final int MAX_LIMIT = 1_000;

    private final LogStore store;
    private final BearerToken token;
    private final Javalin app;

    public LogSearchServer(LogStore store, String token) {
        this.store = store;
        this.token = new BearerToken(token);
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            config.routes.before(this::authorise);
            config.routes.get("/api/logs", this::search);
            JsonErrors.install(config, LOG, "log search", 500, "internal error");
            JsonErrors.noRoute(config);
        });
    }

    public LogSearchServer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    private void authorise(Context ctx) {
        token.require(ctx, "a valid token is required (Authorization: Bearer <token>)");
    }

    private void search(Context ctx) {
        String requestId = ctx.queryParam("request_id");
        String errorId = ctx.queryParam("error_id");
        if ((requestId == null) == (errorId == null)) {
            throw new HttpResponseException(400, "give exactly one of request_id and error_id");
        }
        String id = requestId != null ? requestId : errorId;
        if (!RequestIds.WELL_FORMED.matcher(id).matches()) {
            throw new HttpResponseException(
                    400, "an id is 8 to " + RequestIds.MAX_LENGTH + " letters, digits, '.', '_', ':' or '-'");
        }
        int limit = limit(ctx.queryParam("limit"));
        List<LogLine> lines = requestId != null ? store.byRequestId(id, limit) : store.byErrorId(id, limit);
        List<JsonNode> answer = lines.stream().map(LogSearchServer::json).toList();
        ctx.json(Map.of("count", answer.size(), "lines", answer));
    }

    private static int limit(String given) {
        if (given == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(given);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpResponseException(400, "limit is a whole number from 1 to " + MAX_LIMIT);
    }

    private static JsonNode json(LogLine line) {
        try {
            return JSON.readTree(line.json());
        } catch (Exception notJson) {
            return JSON.getNodeFactory().textNode(line.json());
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
