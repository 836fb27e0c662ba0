package dev.snapshots;

import dev.snapshots.web.DeadPort;
import dev.snapshots.web.WebServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web tier: a topology's running web servers, by name. What a web server is made of comes from
 * the other tiers, so {@link Topology} hands this tier the way to make one; this tier starts them,
 * finds them, kills and restarts them, and stops them all when it closes. A killed server's port
 * stays dead (connections to it are refused, no other server can take it) until it restarts there
 * or the tier closes.
 */
public final class WebTier implements AutoCloseable {

    /** Makes and starts a web server: its name and its port (0: a free one). */
    @FunctionalInterface
    interface Maker {
        WebServer start(String name, int port);
    }

    private final Maker maker;
    private final List<WebServer> servers = new CopyOnWriteArrayList<>();
    /** The ports of killed web servers, held dead until they restart there or this tier closes. */
    private final Map<Integer, DeadPort> deadPorts = new ConcurrentHashMap<>();

    WebTier(Maker maker) {
        this.maker = maker;
    }

    /** Starts a web server on a free port, outside the balancer. */
    public WebServer start(String name) {
        return track(maker.start(name, 0));
    }

    /**
     * Kills a web server; the balancer is not told and has to notice by itself. Its port stays dead
     * until it restarts there.
     */
    public void kill(String name) {
        WebServer server = server(name);
        servers.remove(server);
        DeadPort dead = server.kill();
        deadPorts.put(dead.port(), dead);
    }

    /** Starts a killed web server again, on its old address: to the balancer, the same backend recovered. */
    public WebServer restart(String name, int port) {
        // It binds beside the hold (both with SO_REUSEADDR) before the hold lets go: at no moment is
        // the port free for another server or a client connection to take.
        WebServer server = track(maker.start(name, port));
        DeadPort dead = deadPorts.remove(port);
        if (dead != null) {
            dead.close();
        }
        return server;
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
        deadPorts.values().forEach(DeadPort::close);
        deadPorts.clear();
    }
}
