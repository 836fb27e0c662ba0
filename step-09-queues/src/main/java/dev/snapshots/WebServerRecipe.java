package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTier;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.Schema;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
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
 * (at the edge, when there is one); the photos' upload service. The topology makes it once, after
 * the tiers it names.
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

    /**
     * Takes what the builder says once (the hashing cost, the origin's added latency, the sessions it
     * was given), so that a builder changed after the start changes no web server.
     */
    WebServerRecipe(
            TopologyBuilder options,
            DataTier data,
            CacheTier cache,
            SessionStorage sessionTier,
            SessionStore sessions,
            AssetCatalog assets,
            EdgeTier edge,
            PhotoProcessing photoProcessing) {
        this.hasher = options.hasher;
        this.originLatency = options.originLatency;
        this.data = data;
        this.cache = cache;
        this.sessions = sessions;
        this.failures = sessionTier == null ? options.failures : sessionTier.failures();
        this.assets = assets;
        this.assetBase = edge == null ? "" : edge.assetBase();
        this.photoProcessing = photoProcessing;
    }

    @Override
    public WebServer start(String name, int port) {
        Schema.apply(data.database().primary());
        UserRepository users = new JdbiUserRepository(data.database());
        if (cache != null) {
            users = cache.inFrontOf(users);
        }
        return new WebServer(WebServer.Parts.of(name, new UserService(users, hasher), sessions, failures)
                        .withAssets(assets, assetBase)
                        .withLatency(originLatency)
                        .withPhotos(
                                photoProcessing == null
                                        ? null
                                        : photoProcessing.storage().photos()))
                .start(port);
    }
}
