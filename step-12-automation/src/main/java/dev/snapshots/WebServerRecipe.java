package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.Schema;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.metrics.ActiveUsers;
import dev.snapshots.metrics.ServerMetrics;
import dev.snapshots.metrics.SiteMetrics;
import dev.snapshots.metrics.TierMeters;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.Build;
import dev.snapshots.web.Dependency;
import dev.snapshots.web.Lifecycle;
import dev.snapshots.web.WebServer;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What every web server of a topology is made of, from the other tiers ({@link WebTier} starts them
 * with it): its users, through the cache tier when there is one, in front of the data tier; the
 * sessions and failed-login counts every web server shares; the assets and where pages link them
 * (at the edge, when there is one); the photos' upload service; its lines, shipped to the log tier;
 * its metrics, with its calls to the data tier timed by where they went, and the users active on
 * it; what its readiness probe checks, and how it shuts down. The topology makes it once, after the
 * tiers it finds among those started.
 */
final class WebServerRecipe implements WebTier.Maker {

    private final PasswordHasher hasher;
    private final Duration originLatency;
    private final DataTier data;
    private final CacheTier cache;
    private final SessionStorage sessionTier;
    private final SessionStore sessions;
    private final FailureCounter failures;
    private final AssetCatalog assets;
    private final String assetBase;
    private final PhotoProcessing photoProcessing;
    private final LogPipeline logs;
    private final String metricsToken;
    /** Every web server name started, for the union of their active users. */
    private final Set<String> startedNames = ConcurrentHashMap.newKeySet();

    private final Lifecycle.Shutdown shutdown;

    /**
     * Takes what the builder says once (the hashing cost, the origin's added latency, the sessions it
     * was given), and the tiers started before it from {@code tiers} (the data tier, and whichever of
     * the others the builder asked for), so that a builder changed after the start changes no web
     * server.
     */
    WebServerRecipe(
            TopologyBuilder options,
            StartedParts tiers,
            SessionStore sessions,
            AssetCatalog assets,
            String metricsToken) {
        SessionStorage sessionTier = tiers.find(SessionStorage.class).orElse(null);
        this.hasher = options.hasher;
        this.originLatency = options.originLatency;
        this.data = tiers.find(DataTier.class).orElseThrow();
        this.cache = tiers.find(CacheTier.class).orElse(null);
        this.sessionTier = sessionTier;
        this.sessions = sessions;
        this.failures = sessionTier == null ? options.failures : sessionTier.failures();
        this.assets = assets;
        this.assetBase = tiers.find(EdgeTier.class).map(EdgeTier::assetBase).orElse("");
        this.photoProcessing = tiers.find(PhotoProcessing.class).orElse(null);
        this.logs = tiers.find(LogPipeline.class).orElse(null);
        this.metricsToken = metricsToken;
        this.shutdown = options.deploySettings == null
                ? Lifecycle.Shutdown.defaults()
                : DeployTier.shutdown(options.deploySettings);
    }

    @Override
    public WebServer start(String name, int port, Build build) {
        startedNames.add(name);
        Schema.apply(data.database().primary());
        // Its metrics first: its cache counts into them (step 11).
        ServerMetrics metrics = new ServerMetrics("web", metricsToken);
        // Its own view of the data tier (the same cluster and pools), timed per role into its metrics.
        ReplicatedDatabase timed = data.newView()
                .onQuery((role, nanos) -> Timer.builder("db.queries")
                        .description("Calls to the data tier, by where they went")
                        .tag("role", role)
                        .register(metrics.registry())
                        .record(nanos, TimeUnit.NANOSECONDS));
        UserRepository users = new JdbiUserRepository(timed);
        if (cache != null) {
            users = cache.inFrontOf(users, metrics.registry());
        }
        ActiveUsers active =
                sessionTier == null ? null : new ActiveUsers(sessionTier.client(), name, Clock.systemUTC());
        WebServer server = new WebServer(WebServer.Parts.of(name, new UserService(users, hasher), sessions, failures)
                        .withAssets(assets, assetBase)
                        .withLatency(originLatency)
                        .withPhotos(
                                photoProcessing == null
                                        ? null
                                        : photoProcessing.storage().photos())
                        .withSite(new SiteMetrics(metrics, active))
                        .withLifecycle(new Lifecycle(build, dependencies(), shutdown)))
                .start(port);
        if (photoProcessing != null) {
            TierMeters.bindQueue(metrics.registry(), photoProcessing.queue().jobQueue());
        }
        if (logs != null) {
            server.closing(logs.ship(server.logHost()));
        }
        return server;
    }

    /**
     * What a web server's readiness probe checks (step 12): the data tier, which nothing works
     * without, and the shared tiers it can do without for a while (the cache since step 05; the
     * session tier and the queue answer 503 for what needs them, while everything else works).
     */
    private List<Dependency> dependencies() {
        List<Dependency> dependencies = new ArrayList<>();
        dependencies.add(new Dependency("data tier", true, () -> {
            if (!data.cluster().primary().reachable()) {
                throw new IllegalStateException("the primary does not answer");
            }
        }));
        if (cache != null) {
            dependencies.add(new Dependency("cache", false, cache::ping));
        }
        if (sessionTier != null) {
            dependencies.add(new Dependency("session tier", false, sessionTier.client()::ping));
        }
        if (photoProcessing != null) {
            dependencies.add(new Dependency("queue", false, photoProcessing.queue()::ping));
        }
        return dependencies;
    }

    /**
     * Distinct users active today on any web server made here (exercise 11.4), as counted on the
     * session tier; 0 without one.
     */
    long dailyActiveUsers() {
        if (sessionTier == null) {
            return 0;
        }
        ActiveUsers reader = new ActiveUsers(sessionTier.client(), "reader", Clock.systemUTC());
        return reader.count(reader.today(), startedNames);
    }
}
