package dev.snapshots.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * A listen queue deep enough for a burst. The kernel finishes a client's handshake and queues the
 * connection until the server accepts it; Java asks for a queue of 50 unless told otherwise, so a
 * burst of a few hundred connections that meets a server busy for a moment (a full pause of its
 * JVM, a slow accept) loses its 51st and later connections' handshakes, and those clients wait
 * seconds for a retry or, on some systems, are reset. {@link ServerSetup#basics} installs it:
 * {@code config.jetty.modifyServer(ListenQueue::deepen)}.
 */
public final class ListenQueue {

    /** Connections the kernel may hold for a server that has not accepted them yet (capped by somaxconn). */
    public static final int DEPTH = 1024;

    private ListenQueue() {}

    public static void deepen(Server server) {
        // Javalin adds its connector just before it starts the server: set the depth as it starts.
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector listening) {
                        listening.setAcceptQueueSize(DEPTH);
                    }
                }
            }
        });
    }
}
