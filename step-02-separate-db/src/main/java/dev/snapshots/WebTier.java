package dev.snapshots;

import dev.snapshots.web.WebServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web tier: a topology's running web servers, by name. What a web server is made of comes from
 * the other tiers, so {@link Topology} hands this tier the way to make one; this tier starts them,
 * finds them, and stops them all when it closes.
 */
public final class WebTier implements AutoCloseable {

    /** Makes and starts a web server: its name and its port (0: a free one). */
    @FunctionalInterface
    interface Maker {
        WebServer start(String name, int port);
    }

    private final Maker maker;
    private final List<WebServer> servers = new CopyOnWriteArrayList<>();

    WebTier(Maker maker) {
        this.maker = maker;
    }

    /** Starts a web server on a free port. */
    public WebServer start(String name) {
        return track(maker.start(name, 0));
    }

    /** Stops a web server at once. */
    public void stop(WebServer server) {
        servers.remove(server);
        server.close();
    }

    /** The running web server called {@code name}. */
    public WebServer server(String name) {
        return servers.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running web server " + name));
    }

    /** The running web servers, killed and stopped ones left out. */
    public List<WebServer> servers() {
        return List.copyOf(servers);
    }

    private WebServer track(WebServer server) {
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(WebServer::close);
        servers.clear();
    }
}
