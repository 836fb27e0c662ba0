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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Step 02's system, wired: DNS → web server(s) → the data tier, an H2 server reached over TCP.
 * The two tiers start and stop on their own: web servers come and go, the data stays.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    private final DatabaseServer database;
    private final DataTierConfig dataTier;
    private final List<WebServer> webServers = new CopyOnWriteArrayList<>();

    private Topology(DnsRegistry dns, DatabaseServer database) {
        this.dns = dns;
        this.database = database;
        // The web tier learns the data tier's address the way production does: from its configuration.
        this.dataTier = DataTierConfig.from(Map.of(DataTierConfig.URL_VARIABLE, database.jdbcUrl("snapshots")), new Properties());
    }

    /** Only the data tier, on a free port with a fresh database; add web servers with {@link #startWebServer}. */
    public static Topology startDataTier(DnsRegistry dns) {
        return new Topology(dns, DatabaseServer.startTemporary());
    }

    /** The data tier and one web server, {@code web-1}, published in DNS as {@value #SITE}. */
    public static Topology start(DnsRegistry dns) {
        Topology topology = startDataTier(dns);
        try {
            topology.publish(topology.startWebServer("web-1"));
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** Starts another web server on a free port, on the same data tier. */
    public WebServer startWebServer(String name) {
        WebServer server = webServer(name, dataTier, 0);
        webServers.add(server);
        return server;
    }

    /** One web server for the data tier at {@code config}: schema first, then the routes. */
    public static WebServer webServer(String name, DataTierConfig config, int port) {
        Database database = Database.connect(config);
        Schema.apply(database);
        UserService users = new UserService(new JdbiUserRepository(database), new PasswordHasher());
        return new WebServer(name, users, new InMemorySessionStore()).start(port);
    }

    /** Points {@value #SITE} at this web server. */
    public void publish(WebServer server) {
        dns.register(SITE, server.address());
    }

    public void stopWebServer(WebServer server) {
        webServers.remove(server);
        server.close();
    }

    public DatabaseServer database() {
        return database;
    }

    public DataTierConfig dataTier() {
        return dataTier;
    }

    public List<WebServer> webServers() {
        return List.copyOf(webServers);
    }

    @Override
    public void close() {
        dns.remove(SITE);
        webServers.forEach(WebServer::close);
        webServers.clear();
        database.close();
    }
}
