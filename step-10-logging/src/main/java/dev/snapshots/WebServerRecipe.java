package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.Schema;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.WebServer;
import java.time.Duration;

/**
 * What every web server of a topology is made of, from the other tiers ({@link WebTier} starts them
 * with it): its users, through the cache tier when there is one, in front of the data tier; the
 * sessions and failed-login counts every web server shares; the assets and where pages link them
 * (at the edge, when there is one); the photos' upload service; its lines, shipped to the log tier.
 * The topology makes it once, after the tiers it finds among those started.
 */
final class WebServerRecipe implements WebTier.Maker {

    private final PasswordHasher hasher;
    private final Duration originLatency;
    private final DataTier data;
    private final CacheTier cache;
    private final SessionStore sessions;
    private final FailureCounter failures;
    private final AssetCatalog assets;
    private final String assetBase;
    private final PhotoProcessing photoProcessing;
    private final LogPipeline logs;

    /**
     * Takes what the builder says once (the hashing cost, the origin's added latency, the sessions it
     * was given), and the tiers started before it from {@code tiers} (the data tier, and whichever of
     * the others the builder asked for), so that a builder changed after the start changes no web
     * server.
     */
    WebServerRecipe(TopologyBuilder options, StartedParts tiers, SessionStore sessions, AssetCatalog assets) {
        SessionStorage sessionTier = tiers.find(SessionStorage.class).orElse(null);
        this.hasher = options.hasher;
        this.originLatency = options.originLatency;
        this.data = tiers.find(DataTier.class).orElseThrow();
        this.cache = tiers.find(CacheTier.class).orElse(null);
        this.sessions = sessions;
        this.failures = sessionTier == null ? options.failures : sessionTier.failures();
        this.assets = assets;
        this.assetBase = tiers.find(EdgeTier.class).map(EdgeTier::assetBase).orElse("");
        this.photoProcessing = tiers.find(PhotoProcessing.class).orElse(null);
        this.logs = tiers.find(LogPipeline.class).orElse(null);
    }

    @Override
    public WebServer start(String name, int port) {
        Schema.apply(data.database().primary());
        UserRepository users = new JdbiUserRepository(data.database());
        if (cache != null) {
            users = cache.inFrontOf(users);
        }
        WebServer server = new WebServer(WebServer.Parts.of(name, new UserService(users, hasher), sessions, failures)
                        .withAssets(assets, assetBase)
                        .withLatency(originLatency)
                        .withPhotos(
                                photoProcessing == null
                                        ? null
                                        : photoProcessing.storage().photos()))
                .start(port);
        if (logs != null) {
            server.closing(logs.ship(server.logHost()));
        }
        return server;
    }
}
