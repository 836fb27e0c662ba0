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
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.Build;
import dev.snapshots.web.WebServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The site as step 12 wires it, one module per tier: DNS → load balancer → stateless web servers
 * ({@link WebTier}) → the cache tier in front of the replicated data tier; the session tier; the
 * CDN edge, {@value #CDN}; with {@link TopologyBuilder#centre}, one of two data centres ({@link
 * DataCentre}); the queue tier, the photos' storage and the workers ({@link
 * TopologyBuilder#queue(int)}); the log tier every server ships its lines to ({@link
 * TopologyBuilder#logs()}); the scraper of every server's {@code /metrics} ({@link
 * TopologyBuilder#metrics()}); rolling deploys ({@link DeployTier}).
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";
    /** The CDN edge's host name: the page links its assets here. */
    public static final String CDN = "cdn.snapshots.test";
    /** The build every web server runs until a deploy replaces it (step 12). */
    public static final Build FIRST_BUILD = Build.of("v1");

    private final DnsRegistry dns;
    /** Every part started, to stop in reverse order. */
    private final StartedParts parts;

    private final DataTier data;
    private final WebTier web;
    /** Rolling deploys (step 12); null without {@link TopologyBuilder#deploys}: web servers stop at once. */
    private final DeployTier deploys;

    private final LoadBalancer loadBalancer;
    /** The cache tier; null without {@link TopologyBuilder#cache}. */
    private final CacheTier cache;

    private final AssetCatalog assets = AssetCatalog.fromClasspath();
    /** The CDN edge; null without {@link TopologyBuilder#cdn}. */
    private final EdgeTier edge;

    /** The session tier; null when the builder was given sessions (tests carried from before step 07). */
    private final SessionStorage sessionTier;

    private final SessionStore sessions;
    /** This topology as one of two data centres (step 08); null for a topology that is no data centre. */
    private final DataCentre centre;
    /** The queue, the photos' storage and the workers (step 09); null without {@link TopologyBuilder#queue(int)}. */
    private final PhotoProcessing photoProcessing;

    private final LogPipeline logs;
    private final String metricsToken;
    private final Scraper scraper;
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
        this.logs = options.logSettings == null ? null : parts.add(LogPipeline.start(options.logSettings));
        this.data = parts.add(DataTier.start(options.replicas, options.acknowledgement, options.semiSyncTimeout));
        this.cache =
                options.cacheTtl == null ? null : parts.add(CacheTier.start(options.externalCache, options.cacheTtl));
        this.sessionTier = options.sessions != null
                ? null
                : parts.add(SessionStorage.start(
                        options.externalSessionTier, options.idleTimeout, options.absoluteLifetime));
        this.centre = options.centre == null
                ? null
                : parts.add(DataCentre.join(options.centre, options.centreIndex, data, sessionTier));
        // In one of two centres, the sessions are also copied to the other's session tier (exercise 8.5).
        this.sessions =
                sessionTier == null ? options.sessions : centre == null ? sessionTier.store() : centre.sharedSessions();
        this.photoProcessing = options.workers == null
                ? null
                : parts.add(PhotoProcessing.start(
                        options.workers,
                        options.queueSettings,
                        data.cluster().primary(),
                        logs,
                        options.storageLatency));
        this.metricsToken = ServerMetrics.newToken();
        this.edge = options.cdn ? startEdge(options.cdnPort, options.assetHost) : null;
        this.recipe = new WebServerRecipe(
                options, data, cache, sessionTier, sessions, assets, edge, photoProcessing, logs, metricsToken);
        // The web tier after the tiers it uses and before the balancer: it stops between them.
        this.web = parts.add(new WebTier(recipe));
        this.loadBalancer = options.loadBalanced ? startBalancer(options.loadBalancerPort) : null;
        this.deploys = options.deploySettings == null
                ? null
                : new DeployTier(options.deploySettings, web, loadBalancer, metricsToken);
        openSite(options.webServers);
        if (deploys != null) {
            deploys.checkReadiness();
        }
        // The scraper last: every target is up by its first round.
        this.scraper = options.metricsSettings == null
                ? null
                : parts.add(new Scraper(this::scrapeTargets, metricsToken, options.metricsSettings, Clock.systemUTC())
                        .start());
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

    /**
     * Service discovery, as Prometheus asks Kubernetes or Consul: the balancer and every web server
     * in its pool, up or down; without a balancer, the running web servers.
     */
    private List<Scraper.Target> scrapeTargets() {
        List<Scraper.Target> targets = new ArrayList<>();
        if (loadBalancer != null) {
            targets.add(new Scraper.Target("lb", loadBalancer.address()));
            loadBalancer.pool().all().forEach(b -> targets.add(new Scraper.Target(b.name(), b.address())));
        } else {
            web.servers().forEach(w -> targets.add(new Scraper.Target(w.name(), w.address())));
        }
        return targets;
    }

    /** This topology as one of two data centres: its name, the applier and the peer sessions; null for none. */
    public DataCentre dataCentre() {
        return centre;
    }

    /** Starts a web server and puts it behind the balancer, which sends it traffic at once. */
    public WebServer addWebServer(String name) {
        WebServer server = web.start(name);
        loadBalancer.pool().add(new Backend(name, server.address()));
        return server;
    }

    /** Ships the lines of the server whose log host is {@code host}, while this topology runs (with {@link TopologyBuilder#logs}). */
    private void ship(String host) {
        if (logs != null) {
            logs.ship(host);
        }
    }

    /** The scraper; null without {@link TopologyBuilder#metrics}. */
    public Scraper scraper() {
        return scraper;
    }

    /** The token every server's {@code /metrics} asks for in this run. */
    public String metricsToken() {
        return metricsToken;
    }

    /**
     * Distinct users active today on any web server this topology has started (exercise 11.4), as
     * counted on the session tier; 0 without one.
     */
    public long dailyActiveUsers() {
        return recipe.dailyActiveUsers();
    }

    /** The log tier; null without {@link TopologyBuilder#logs}. */
    public LogPipeline logs() {
        return logs;
    }

    /** The queue, the photos' storage and the workers; null without {@link TopologyBuilder#queue(int)}. */
    public PhotoProcessing photoProcessing() {
        return photoProcessing;
    }

    /** Starts the load balancer, its lines shipped to the log tier. */
    private LoadBalancer startBalancer(int port) {
        LoadBalancer started = parts.add(new LoadBalancer(metricsToken).start(port));
        ship(started.logHost());
        return started;
    }

    /** Starts the edge, named {@value #CDN} in DNS; it asks DNS where its origin is, each time. */
    private EdgeTier startEdge(int port, String assetHost) {
        EdgeTier started = parts.add(EdgeTier.start(dns.follow(SITE), port, assetHost));
        ship(started.server().logHost());
        dns.register(CDN, started.server().address());
        parts.onClose(() -> dns.remove(CDN));
        return started;
    }

    /** Rolling deploys: this run's pipeline, a deployer and the fleet it drives (with {@link TopologyBuilder#deploys}). */
    public DeployTier deploys() {
        if (deploys == null) {
            throw new IllegalStateException("build the topology with deploys()");
        }
        return deploys;
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
