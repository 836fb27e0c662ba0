package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.WebServer;

/**
 * The site as step 09 wires it, one module per tier: DNS → load balancer → stateless web servers
 * ({@link WebTier}) → the cache tier in front of the replicated data tier; the session tier; the
 * CDN edge, {@value #CDN}; the queue tier, the photos' storage and the workers ({@link
 * TopologyBuilder#queue(int)}).
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";
    /** The CDN edge's host name: the page links its assets here. */
    public static final String CDN = "cdn.snapshots.test";

    private final DnsRegistry dns;
    /** Every part started, to stop in reverse order. */
    private final StartedParts parts;

    private final DataTier data;
    private final WebTier web;

    private final LoadBalancer loadBalancer;
    /** The cache tier; null without {@link TopologyBuilder#cache}. */
    private final CacheTier cache;

    private final AssetCatalog assets = AssetCatalog.fromClasspath();
    /** The CDN edge; null without {@link TopologyBuilder#cdn}. */
    private final EdgeTier edge;

    /** The session tier; null when the builder was given sessions (tests carried from before step 07). */
    private final SessionStorage sessionTier;

    private final SessionStore sessions;
    /** The queue, the photos' storage and the workers (step 09); null without {@link TopologyBuilder#queue(int)}. */
    private final PhotoProcessing photoProcessing;

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
        this.data = parts.add(DataTier.start(options.replicas, options.acknowledgement, options.semiSyncTimeout));
        this.cache = options.cacheTtl == null
                ? null
                : parts.add(CacheTier.start(options.externalCache, options.cacheTtl, options.cacheTimeout));
        this.sessionTier = options.sessions != null
                ? null
                : parts.add(SessionStorage.start(
                        options.externalSessionTier,
                        options.idleTimeout,
                        options.absoluteLifetime,
                        options.sessionTimeout));
        this.sessions = sessionTier == null ? options.sessions : sessionTier.store();
        this.photoProcessing = options.workers == null
                ? null
                : parts.add(PhotoProcessing.start(
                        options.workers, options.queueSettings, data.cluster().primary(), options.storageLatency));
        this.edge = options.cdn ? startEdge(options.cdnPort, options.assetHost) : null;
        // The web tier after the tiers it uses and before the balancer: it stops between them.
        this.web = parts.add(new WebTier(
                new WebServerRecipe(options, data, cache, sessionTier, sessions, assets, edge, photoProcessing)));
        this.loadBalancer = options.loadBalanced ? parts.add(options.balancer().start(options.loadBalancerPort)) : null;
        openSite(options.webServers);
    }

    /** Starts the first web servers; {@value #SITE} points at the balancer, else at web-1. */
    private void openSite(int webServers) {
        for (int i = 1; i <= webServers; i++) {
            WebServer server = loadBalancer != null ? addWebServer("web-" + i) : web.start("web-" + i);
            if (loadBalancer == null && i == 1) {
                dns.register(SITE, server.address());
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

    /** The queue, the photos' storage and the workers; null without {@link TopologyBuilder#queue(int)}. */
    public PhotoProcessing photoProcessing() {
        return photoProcessing;
    }

    /** Starts the edge, named {@value #CDN} in DNS; it asks DNS where its origin is, each time. */
    private EdgeTier startEdge(int port, String assetHost) {
        EdgeTier started = parts.add(EdgeTier.start(dns.follow(SITE), port, assetHost));
        dns.register(CDN, started.server().address());
        parts.onClose(() -> dns.remove(CDN));
        return started;
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

    /** The session tier's Redis server; null for sessions given to the builder, or a tier not started here. */
    public RedisServer sessionServer() {
        return sessionTier == null ? null : sessionTier.server();
    }

    /** Where the web tier keeps sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** The CDN edge: its server and its purge token; null without {@link TopologyBuilder#cdn}. */
    public EdgeTier edge() {
        return edge;
    }

    /** Releases a new {@code file} ({@code app.css}) to every web server: pages link it; old names still answer. */
    public void releaseAsset(String file, byte[] content) {
        assets.release(file, content);
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
