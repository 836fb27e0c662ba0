package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.Schema;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.InMemorySessionStore;
import dev.snapshots.web.WebServer;

/**
 * Step 05's system, wired: DNS → load balancer → web servers → the cache tier (Redis) in front of a
 * replicated data tier (a primary that takes the writes, replicas that follow its log and take the
 * reads).
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    /** Every part started, to stop in reverse order. */
    private final StartedParts parts;

    private final PasswordHasher hasher;
    private final DataTier data;
    private final WebTier web;

    private final LoadBalancer loadBalancer;
    /** The cache tier; null without {@link TopologyBuilder#cache}. */
    private final CacheTier cache;

    /** The one way to start a topology: say what it has (each step adds options), then {@link TopologyBuilder#start()}. */
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
        this.data = parts.add(DataTier.start(options.replicas, options.acknowledgement, options.semiSyncTimeout));
        this.cache = options.cacheTtl == null
                ? null
                : parts.add(CacheTier.start(options.externalCache, options.cacheTtl, options.cacheTimeout));
        // The web tier after the tiers it uses and before the balancer: it stops between them.
        this.web = parts.add(new WebTier(this::webServer));
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

    /** A web server of this topology: through the cache tier when there is one. */
    private WebServer webServer(String name, int port) {
        Schema.apply(data.database().primary());
        UserRepository users = new JdbiUserRepository(data.database());
        if (cache != null) {
            users = cache.inFrontOf(users);
        }
        return new WebServer(name, new UserService(users, hasher), new InMemorySessionStore()).start(port);
    }

    /** Points {@value #SITE} straight at this web server (no balancer). */
    public void publish(WebServer server) {
        dns.register(SITE, server.address());
    }

    /** The data tier: its nodes, the database the web servers use, and waiting for replication. */
    public DataTier data() {
        return data;
    }

    /** The web tier: start, find, kill and restart web servers by name. */
    public WebTier web() {
        return web;
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** The cache tier's server; null without a cache, or with a Redis server this topology did not start. */
    public RedisServer cacheServer() {
        return cache == null ? null : cache.server();
    }

    /** Throws the stub a background part ran into (health checks, appliers…): a test waiting for it fails at once. */
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
