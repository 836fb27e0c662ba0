package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.metrics.Scraper;
import dev.snapshots.metrics.ServerMetrics;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.WebServer;
import java.time.Clock;

/**
 * The site as step 11 wires it: one module per tier, started in the order the constructor lists
 * them (the ones the builder asked for) and stopped in reverse. A test reaches a tier by its type:
 * {@code topology.tier(Scraper.class)}.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";
    /** The CDN edge's host name: the page links its assets here. */
    public static final String CDN = "cdn.snapshots.test";

    private final DnsRegistry dns;
    /** Every tier started, to find by its type ({@link #tier}) and to stop in reverse order. */
    private final StartedParts parts;

    private final DataTier data;
    private final WebTier web;
    private final LoadBalancer loadBalancer;
    private final AssetCatalog assets = AssetCatalog.fromClasspath();
    private final SessionStore sessions;
    /** The log tier; null without {@link TopologyBuilder#logs}. */
    private final LogPipeline logs;
    /** The token every server's {@code /metrics} asks for in this run. */
    private final String metricsToken = ServerMetrics.newToken();
    /** What every web server is made of; it also counts their active users. */
    private final WebServerRecipe recipe;

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
        // The log tier first, so that every server can ship to it from its first line.
        this.logs = parts.addIf(options.logSettings != null, () -> LogPipeline.start(options.logSettings));
        this.data = parts.add(DataTier.start(options.replicas, options.acknowledgement, options.semiSyncTimeout));
        parts.addIf(
                options.cacheTtl != null,
                () -> CacheTier.start(options.externalCache, options.cacheTtl, options.cacheTimeout));
        SessionStorage sessionTier = parts.addIf(
                options.sessions == null,
                () -> SessionStorage.start(
                        options.externalSessionTier,
                        options.idleTimeout,
                        options.absoluteLifetime,
                        options.sessionTimeout));
        this.sessions = sessionTier == null ? options.sessions : sessionTier.store();
        parts.addIf(
                options.workers != null,
                () -> PhotoProcessing.start(options, data.cluster().primary(), logs));
        if (options.cdn) {
            startEdge(options.cdnPort, options.assetHost);
        }
        this.recipe = new WebServerRecipe(options, parts, sessions, assets, metricsToken);
        // The web tier after the tiers it uses and before the balancer: it stops between them.
        this.web = parts.add(new WebTier(recipe));
        this.loadBalancer = options.loadBalanced ? startBalancer(options) : null;
        openSite(options.webServers);
        // The scraper last: every target is up by its first round.
        if (options.metricsSettings != null) {
            ServiceDiscovery targets = new ServiceDiscovery(loadBalancer, web);
            parts.add(new Scraper(targets, metricsToken, options.metricsSettings, Clock.systemUTC()).start());
        }
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

    /** Starts the load balancer, its lines shipped to the log tier. */
    private LoadBalancer startBalancer(TopologyBuilder options) {
        LoadBalancer started = parts.add(options.balancer(metricsToken).start(options.loadBalancerPort));
        ship(started.logHost());
        return started;
    }

    /** Starts the edge, named {@value #CDN} in DNS; it asks DNS where its origin is, each time. */
    private void startEdge(int port, String assetHost) {
        EdgeTier started = parts.add(EdgeTier.start(dns.follow(SITE), port, assetHost));
        ship(started.server().logHost());
        dns.register(CDN, started.server().address());
        parts.onClose(() -> dns.remove(CDN));
    }

    /** Ships the lines of the server whose log host is {@code host}, while this topology runs (with {@link TopologyBuilder#logs}). */
    private void ship(String host) {
        if (logs != null) {
            logs.ship(host);
        }
    }

    /** The tier of this {@code type} that the builder asked for; throws if it did not. */
    public <T> T tier(Class<T> type) {
        return parts.find(type)
                .orElseThrow(() -> new IllegalStateException("this topology has no " + type.getSimpleName()));
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

    /** Where the web tier keeps sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** The token every server's {@code /metrics} asks for in this run. */
    public String metricsToken() {
        return metricsToken;
    }

    /** Distinct users active today on any of its web servers (exercise 11.4); 0 without a session tier. */
    public long dailyActiveUsers() {
        return recipe.dailyActiveUsers();
    }

    /** Releases a new {@code file} ({@code app.css}) to every web server: pages link it; old names still answer. */
    public void releaseAsset(String file, byte[] content) {
        assets.release(file, content);
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
