package dev.snapshots.http;

import io.javalin.config.JavalinConfig;

/** What every HTTP server of the course sets up the same way, whatever it serves. Provided code. */
public final class ServerSetup {

    private ServerSetup() {}

    /** No banner; Jetty's own refusals answered in JSON; a listen queue deep enough for a burst. */
    public static void basics(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // What Jetty refuses itself, before any route runs (a %00 in the path, headers over its limit,
        // a request line that is not HTTP), is answered in JSON like everything else.
        config.jetty.modifyServer(server -> server.setErrorHandler(JettyErrors::inJson));
        // A burst of connections waits in the kernel's queue while the server is busy (ListenQueue).
        config.jetty.modifyServer(ListenQueue::deepen);
    }
}
