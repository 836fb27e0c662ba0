package dev.snapshots;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.Schema;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserService;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.session.InMemorySessionStore;
import dev.snapshots.web.WebServer;
import java.util.Map;
import java.util.Properties;

/**
 * Step 03's system, wired: DNS → load balancer → web servers → the data tier. Clients know only
 * the balancer's address; web servers join, leave and die behind it.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    /** Every part started, to stop in reverse order. */
    private final StartedParts parts;

    private final PasswordHasher hasher;
    private final DatabaseServer database;
    private final DataTierConfig dataTier;
    private final WebTier web;

    private final LoadBalancer loadBalancer;

    /**
     * The one way to start a topology: say what it has, then {@link TopologyBuilder#start()}. Each
     * step adds an option here (step 03: the load balancer), so a test carried from an earlier step
     * asks for the shape it needs, e.g. {@code
     * Topology.builder(dns).webServers(3).loadBalancer().start()}.
     */
    public static TopologyBuilder builder(DnsRegistry dns) {
        return new TopologyBuilder(dns);
    }

    /** Starts every tier, data first; if any fails to start, whatever did start is stopped. */
    static Topology start(TopologyBuilder options) {
        StartedParts parts = new StartedParts();
        try {
            return new Topology(options, parts);
        } catch (RuntimeException e) {
            throw parts.closeAllAfter(e);
        }
    }

    private Topology(TopologyBuilder options, StartedParts parts) {
        this.parts = parts;
        this.dns = options.dns;
        this.hasher = options.hasher;
        this.database = parts.add(DatabaseServer.startTemporary());
        // The web tier learns the data tier's address the way production does: from its configuration.
        this.dataTier = DataTierConfig.from(
                Map.of(
                        DataTierConfig.URL_VARIABLE,
                        database.jdbcUrl("snapshots"),
                        DataTierConfig.PASSWORD_VARIABLE,
                        database.password()),
                new Properties());
        this.web = parts.add(new WebTier((name, port) -> webServer(name, dataTier, hasher, port)));
        this.loadBalancer = options.loadBalanced ? parts.add(options.balancer().start(options.loadBalancerPort)) : null;
        openSite(options.webServers);
    }

    /** Starts the first web servers; {@value #SITE} points at the balancer, else at web-1. */
    private void openSite(int webServers) {
        for (int i = 1; i <= webServers; i++) {
            WebServer server = loadBalancer != null ? addWebServer("web-" + i) : web.start("web-" + i);
            if (loadBalancer == null && i == 1) {
                publish(server);
            }
        }
        if (loadBalancer != null) {
            dns.register(SITE, loadBalancer.address());
        }
        parts.onClose(() -> dns.remove(SITE));
    }

    /** Starts a web server and puts it behind the balancer, which sends it traffic at once. */
    public WebServer addWebServer(String name) {
        WebServer server = web.start(name);
        loadBalancer.pool().add(new Backend(name, server.address()));
        return server;
    }

    /** One web server for the data tier at {@code config}: schema first, then the routes. */
    public static WebServer webServer(String name, DataTierConfig config, PasswordHasher hasher, int port) {
        Database database = Database.connect(config);
        Schema.apply(database);
        UserService users = new UserService(new JdbiUserRepository(database), hasher);
        return new WebServer(name, users, new InMemorySessionStore())
                .start(port)
                .closing(database);
    }

    /** Points {@value #SITE} straight at this web server (no balancer). */
    public void publish(WebServer server) {
        dns.register(SITE, server.address());
    }

    /** The web tier: start, find, kill and restart web servers by name. */
    public WebTier web() {
        return web;
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public DatabaseServer database() {
        return database;
    }

    public DataTierConfig dataTier() {
        return dataTier;
    }

    /**
     * Throws what the balancer's health checks ran into in the background, if an exercise they
     * need is not done yet: a test that waits for them fails at once, naming the exercise, instead
     * of at its time-out.
     */
    public void rethrowUnfinished() {
        parts.unfinished().ifPresent(todo -> {
            throw todo;
        });
    }

    @Override
    public void close() {
        parts.closeAll();
    }
}
