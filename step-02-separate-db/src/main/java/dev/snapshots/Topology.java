package dev.snapshots;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.Schema;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserService;
import dev.snapshots.session.InMemorySessionStore;
import dev.snapshots.web.WebServer;
import java.util.Map;
import java.util.Properties;

/**
 * Step 02's system, wired: DNS → web server(s) → the data tier, an H2 server reached over TCP.
 * The two tiers start and stop on their own: web servers come and go, the data stays.
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

    /**
     * The one way to start a topology: say what it has, then {@link TopologyBuilder#start()}. Each
     * later step adds an option here (step 03 the load balancer…), so a test carried from an
     * earlier step asks for the shape it needs, e.g. {@code
     * Topology.builder(dns).webServers(1).start()}.
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
        for (int i = 1; i <= options.webServers; i++) {
            WebServer server = web.start("web-" + i);
            if (i == 1) {
                publish(server);
            }
        }
        parts.onClose(() -> dns.remove(SITE));
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

    /** Points {@value #SITE} at this web server. */
    public void publish(WebServer server) {
        dns.register(SITE, server.address());
    }

    /** The web tier: start and find web servers. */
    public WebTier web() {
        return web;
    }

    public DatabaseServer database() {
        return database;
    }

    public DataTierConfig dataTier() {
        return dataTier;
    }

    @Override
    public void close() {
        parts.closeAll();
    }
}
