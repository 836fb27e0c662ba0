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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Step 03's system, wired: DNS → load balancer → web servers → the data tier. Clients know only
 * the balancer's address; web servers join, leave and die behind it.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    private final DatabaseServer database;
    private final DataTierConfig dataTier;
    private final List<WebServer> webServers = new CopyOnWriteArrayList<>();
    private LoadBalancer loadBalancer;

    private Topology(DnsRegistry dns, DatabaseServer database) {
        this.dns = dns;
        this.database = database;
        // The web tier learns the data tier's address the way production does: from its configuration.
        this.dataTier = DataTierConfig.from(Map.of(DataTierConfig.URL_VARIABLE, database.jdbcUrl("snapshots")), new Properties());
    }

    /** The whole step: the data tier, {@code count} web servers (web-1, web-2…) and the balancer DNS points at. */
    public static Topology start(DnsRegistry dns, int count) {
        return start(dns, count, 0);
    }

    /** The same, with the balancer on {@code port} (0: any free one). */
    public static Topology start(DnsRegistry dns, int count, int port) {
        Topology topology = startDataTier(dns);
        try {
            topology.loadBalancer = new LoadBalancer().start(port);
            for (int i = 1; i <= count; i++) {
                topology.addWebServer("web-" + i);
            }
            dns.register(SITE, topology.loadBalancer.address());
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** Step 02's system, with no balancer: the data tier and web-1, which DNS points at directly. */
    public static Topology startWithoutBalancer(DnsRegistry dns) {
        Topology topology = startDataTier(dns);
        try {
            topology.publish(topology.startWebServer("web-1"));
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** Only the data tier, on a free port with a fresh database. */
    public static Topology startDataTier(DnsRegistry dns) {
        return new Topology(dns, DatabaseServer.startTemporary());
    }

    /** Starts a web server and puts it behind the balancer, which sends it traffic at once. */
    public WebServer addWebServer(String name) {
        WebServer server = startWebServer(name);
        loadBalancer.pool().add(new Backend(name, server.address()));
        return server;
    }

    /** Starts a web server on a free port, on the same data tier, outside the balancer. */
    public WebServer startWebServer(String name) {
        return track(webServer(name, dataTier, 0));
    }

    /** Kills a web server; the balancer is not told and has to notice by itself. */
    public void killWebServer(String name) {
        stopWebServer(webServer(name));
    }

    /** Starts a killed web server again, on its old address: to the balancer, the same backend recovered. */
    public WebServer restartWebServer(String name, int port) {
        return track(webServer(name, dataTier, port));
    }

    /** One web server for the data tier at {@code config}: schema first, then the routes. */
    public static WebServer webServer(String name, DataTierConfig config, int port) {
        Database database = Database.connect(config);
        Schema.apply(database);
        UserService users = new UserService(new JdbiUserRepository(database), new PasswordHasher());
        return new WebServer(name, users, new InMemorySessionStore()).start(port);
    }

    private WebServer track(WebServer server) {
        webServers.add(server);
        return server;
    }

    /** Points {@value #SITE} straight at this web server (no balancer). */
    public void publish(WebServer server) {
        dns.register(SITE, server.address());
    }

    public void stopWebServer(WebServer server) {
        webServers.remove(server);
        server.close();
    }

    public WebServer webServer(String name) {
        return webServers.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running web server " + name));
    }

    public List<WebServer> webServers() {
        return List.copyOf(webServers);
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

    @Override
    public void close() {
        dns.remove(SITE);
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        webServers.forEach(WebServer::close);
        webServers.clear();
        database.close();
    }
}
