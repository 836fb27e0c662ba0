package dev.snapshots.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty refuses itself, before any route runs (a {@code %00} in the path, headers past the
 * size limit), answered in JSON like everything else: a status, and no page naming the server.
 * {@link ServerSetup#basics} installs it: {@code config.jetty.modifyServer(server ->
 * server.setErrorHandler(JettyErrors::inJson))}.
 */
public final class JettyErrors {

    private JettyErrors() {}

    public static boolean inJson(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String error =
                status == 431 ? "the request's headers are too large" : status < 500 ? "bad request" : "server error";
        String body = "{\"error\":\"" + error + "\"}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
