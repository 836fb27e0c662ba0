package dev.snapshots.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts a web server's requests in flight into its {@link Lifecycle}, at Jetty's level: from the
 * moment Jetty hands a request over until its answer has been written out. Counting in Javalin's
 * before and after handlers would stop too early, since Javalin writes the answer after its last
 * after handler, and a drain that trusted that count would halt the server under an answer still
 * being sent. The probes are not counted. Provided code.
 */
final class InFlightRequests extends Handler.Wrapper {

    private final Lifecycle lifecycle;

    InFlightRequests(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (WebServer.isProbe(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        lifecycle.requestStarted();
        boolean handled;
        try {
            // Jetty completes the callback once the whole answer is written (or has failed).
            handled = super.handle(request, response, Callback.from(callback, lifecycle::requestEnded));
        } catch (Exception | Error e) {
            lifecycle.requestEnded();
            throw e;
        }
        if (!handled) {
            lifecycle.requestEnded();
        }
        return handled;
    }
}
