package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeServer;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.PeerApplier;
import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.data.Schema;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.PeerSessions;
import dev.snapshots.session.ReplicatedSessionStore;
import dev.snapshots.session.SessionPolicy;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.DeadPort;
import dev.snapshots.web.WebServer;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Step 07's system, wired: DNS → load balancer (plain round robin again) → stateless web servers →
 * the cache tier (Redis) in front of a replicated data tier (a primary that takes the writes,
 * replicas that follow its log and take the reads); the session tier (a Redis server of its own)
 * holds who is logged in; and beside it all the CDN edge, {@value #CDN}, which serves the page's
 * assets from its own copies and asks the load balancer (its origin) only for what it lacks.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";
    /** The CDN edge's host name: the page links its assets here. */
    public static final String CDN = "cdn.snapshots.test";

    private final DnsRegistry dns;
    private final PasswordHasher hasher;
    private final ReplicationCluster cluster;
    private final ReplicatedDatabase database;
    private final List<WebServer> webServers = new CopyOnWriteArrayList<>();
    /** The ports of killed web servers, held dead until they restart there or this topology closes. */
    private final Map<Integer, DeadPort> deadPorts = new ConcurrentHashMap<>();

    private final LoadBalancer loadBalancer;
    /** The cache tier; null without {@link Builder#cache}. */
    private final CacheTier cache;

    private final AssetCatalog assets = AssetCatalog.fromClasspath();
    /** The CDN edge; null without {@link Builder#cdn}. */
    private final EdgeTier edge;

    private final Duration originLatency;
    /** The session tier; null when the builder was given sessions of its own. */
    private final SessionStorage sessionTier;

    private final SessionStore sessions;
    private final FailureCounter failures;
    private final String centre;
    private final PeerSessions peerSessions;
    private PeerApplier peerApplier;

    /**
     * The one way to start a topology: say what it has, then {@link Builder#start()}. Each step adds
     * an option here (step 03 the load balancer, step 04 the replicas, step 05 the cache), so a test
     * carried from an earlier step asks for the shape it needs, e.g.
     * {@code Topology.builder(dns).webServers(3).loadBalancer().replicas(2).cache(ttl).start()}.
     */
    public static Builder builder(DnsRegistry dns) {
        return new Builder(dns);
    }

    /** What a topology has. By default: one database alone, with no web server, balancer or cache. */
    public static final class Builder {
        private final DnsRegistry dns;
        private int webServers;
        private boolean loadBalanced;
        private int loadBalancerPort;
        private int replicas;
        private Acknowledgement acknowledgement = Acknowledgement.ASYNC;
        private Duration semiSyncTimeout = ReplicatedDatabase.SEMI_SYNC_TIMEOUT;
        private Duration cacheTtl;
        private RedisConfig externalCache;
        private PasswordHasher hasher = new PasswordHasher();
        private boolean cdn;
        private int cdnPort;
        private String assetHost;
        private Duration originLatency = Duration.ZERO;
        private Duration idleTimeout = SessionPolicy.IDLE_TIMEOUT;
        private Duration absoluteLifetime = SessionPolicy.ABSOLUTE_LIFETIME;
        private SessionStore sessions;
        private FailureCounter failures;
        private RedisConfig externalSessionTier;
        private String centre;
        private int centreIndex;

        private Builder(DnsRegistry dns) {
            this.dns = dns;
        }

        /**
         * Starts {@code count} web servers, web-1, web-2…; without a balancer, DNS points at web-1
         * (step 02's shape).
         */
        public Builder webServers(int count) {
            this.webServers = count;
            return this;
        }

        /** Puts the load balancer in front of the web servers, on a free port; DNS points at it. */
        public Builder loadBalancer() {
            return loadBalancer(0);
        }

        /** The same, on a fixed port (the demo's), so its address does not change between runs. */
        public Builder loadBalancer(int port) {
            this.loadBalanced = true;
            this.loadBalancerPort = port;
            return this;
        }

        /** Gives the primary {@code count} replicas (db-2, db-3…) that follow its log and take the reads. */
        public Builder replicas(int count) {
            this.replicas = count;
            return this;
        }

        /** When a write is acknowledged: at once (asynchronous, the default) or once a replica has it. */
        public Builder acknowledgement(Acknowledgement mode) {
            this.acknowledgement = mode;
            return this;
        }

        /** How long a semi-synchronous write waits for a replica before it is refused (2 s by default). */
        public Builder semiSyncTimeout(Duration timeout) {
            this.semiSyncTimeout = timeout;
            return this;
        }

        /** Puts a Redis server of its own, on a free port, in front of the data tier; entries live {@code ttl}. */
        public Builder cache(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        /** Puts the Redis server at {@code external} in front of the data tier instead of one started here. */
        public Builder cache(Duration ttl, RedisConfig external) {
            this.externalCache = external;
            return cache(ttl);
        }

        /**
         * Puts the CDN edge at {@value #CDN}, on a free port, with the load balancer as its origin; the
         * page links its assets there.
         */
        public Builder cdn() {
            return cdn(0, CDN);
        }

        /**
         * The same, on a fixed port, with the page linking its assets at {@code assetHost} instead:
         * the demo's, for a real browser, which does not ask the course DNS (it links
         * {@code localhost}, a host name of its own beside the page's {@code 127.0.0.1}).
         */
        public Builder cdn(int port, String assetHost) {
            this.cdn = true;
            this.cdnPort = port;
            this.assetHost = assetHost;
            return this;
        }

        /**
         * Makes every web server answer {@code latency} late, as an origin far from its users would
         * (the benchmark's "far origin"; zero by default).
         */
        public Builder originLatency(Duration latency) {
            this.originLatency = latency;
            return this;
        }

        /**
         * Sessions end after {@code idle} without use and {@code absolute} after their login
         * (30 minutes and 12 hours by default): tests shorten both.
         */
        public Builder sessionLifetime(Duration idle, Duration absolute) {
            this.idleTimeout = idle;
            this.absoluteLifetime = absolute;
            return this;
        }

        /**
         * Puts the session tier on the Redis server at {@code external} (set it up with
         * {@link SessionPolicy#redisSettings()}) instead of one started here.
         */
        public Builder sessionTier(RedisConfig external) {
            this.externalSessionTier = external;
            return this;
        }

        /**
         * Keeps sessions and failed-login counts in {@code sessions} and {@code failures}, shared by
         * every web server, instead of on a session tier started here: the tests carried from earlier
         * steps use an in-memory pair, so they pass whatever this step's exercises are doing.
         */
        public Builder sessions(SessionStore sessions, FailureCounter failures) {
            this.sessions = sessions;
            this.failures = failures;
            return this;
        }

        /**
         * Makes this topology the data centre {@code name}, the {@code index}-th from 0 (step 08): its
         * users get ids from a range of their own, its changes are marked as this centre's, and its
         * sessions are copied to the other centre's session tier once {@link #linkPeer} says where.
         */
        public Builder centre(String name, int index) {
            this.centre = name;
            this.centreIndex = index;
            return this;
        }

        /**
         * The hasher every web server uses. The site's is slow on purpose; tests lower its cost
         * (exercise 1.4's own tests keep the full one).
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            this.hasher = hasher;
            return this;
        }

        /** Starts every tier, data first; if any fails to start, whatever did start is stopped. */
        public Topology start() {
            Starting starting = new Starting();
            try {
                return new Topology(this, starting);
            } catch (RuntimeException e) {
                starting.closeAll();
                throw e;
            }
        }
    }

    /** What has started so far, so a failed start stops it all, last started first. */
    private static final class Starting {
        private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

        <T extends AutoCloseable> T add(T part) {
            started.add(0, part);
            return part;
        }

        void closeAll() {
            for (AutoCloseable part : started) {
                try {
                    part.close();
                } catch (Exception e) {
                    // Already failing: stop the rest anyway.
                }
            }
        }
    }

    private Topology(Builder options, Starting starting) {
        this.dns = options.dns;
        this.hasher = options.hasher;
        this.cluster = starting.add(ReplicationCluster.start(options.replicas));
        this.centre = options.centre;
        this.peerSessions = options.centre == null ? null : starting.add(new PeerSessions());
        if (options.centre != null) {
            cluster.joinCentre(options.centre, options.centreIndex);
        }
        this.database = new ReplicatedDatabase(cluster, options.acknowledgement, options.semiSyncTimeout);
        if (options.cacheTtl == null) {
            this.cache = null;
        } else {
            this.cache = starting.add(
                    options.externalCache == null
                            ? CacheTier.start(options.cacheTtl)
                            : CacheTier.connect(options.externalCache, options.cacheTtl));
        }
        if (options.sessions != null) {
            this.sessionTier = null;
            this.sessions = options.sessions;
            this.failures = options.failures;
        } else {
            this.sessionTier = starting.add(
                    options.externalSessionTier == null
                            ? SessionStorage.start(options.idleTimeout, options.absoluteLifetime)
                            : SessionStorage.connect(
                                    options.externalSessionTier, options.idleTimeout, options.absoluteLifetime));
            // In one of two centres, every change is copied to the other's session tier (exercise 8.5).
            this.sessions = peerSessions == null
                    ? sessionTier.store()
                    : new ReplicatedSessionStore(sessionTier.store(), peerSessions);
            this.failures = sessionTier.failures();
        }
        this.loadBalancer =
                options.loadBalanced ? starting.add(new LoadBalancer().start(options.loadBalancerPort)) : null;
        this.originLatency = options.originLatency;
        if (options.cdn) {
            // The edge finds its origin as anyone does: by asking DNS for the site.
            this.edge = starting.add(EdgeTier.start(this::origin, options.cdnPort, options.assetHost));
            dns.register(CDN, edge.server().address());
        } else {
            this.edge = null;
        }
        for (int i = 1; i <= options.webServers; i++) {
            WebServer server =
                    starting.add(loadBalancer != null ? addWebServer("web-" + i) : startWebServer("web-" + i));
            if (loadBalancer == null && i == 1) {
                publish(server);
            }
        }
        if (loadBalancer != null) {
            dns.register(SITE, loadBalancer.address());
        }
    }

    /**
     * Links this centre to the other one, across the ocean (step 08): from now on this centre's
     * primary applies the log of {@code peerPrimary} (exercise 8.4), and its sessions are copied to
     * the session tier at {@code peerSessionTier} (exercise 8.5). Both addresses are the far ends of
     * slow links.
     */
    public void linkPeer(String peerCentre, DbNode peerPrimary, RedisConfig peerSessionTier, Duration applyEvery) {
        if (centre == null) {
            throw new IllegalStateException("not a data centre: start it with Builder.centre");
        }
        peerApplier = new PeerApplier(cluster.primary(), peerPrimary, peerCentre).start(applyEvery);
        if (sessionTier != null) {
            peerSessions.link(sessionTier.peer(peerSessionTier));
        }
    }

    /** This centre's name; null for a topology that is no data centre. */
    public String centre() {
        return centre;
    }

    /** The applier of the other centre's log; null before {@link #linkPeer}. */
    public PeerApplier peerApplier() {
        return peerApplier;
    }

    /** The other centre's session tier as this one reaches it; null outside step 08's centres. */
    public PeerSessions peerSessions() {
        return peerSessions;
    }

    /** Starts a web server and puts it behind the balancer, which sends it traffic at once. */
    public WebServer addWebServer(String name) {
        WebServer server = startWebServer(name);
        loadBalancer.pool().add(new Backend(name, server.address()));
        return server;
    }

    /** Starts a web server on a free port, on this data tier, outside the balancer. */
    public WebServer startWebServer(String name) {
        return track(webServer(name, 0));
    }

    /**
     * Kills a web server; the balancer is not told and has to notice by itself. Its port stays dead
     * (connections to it are refused, no other server can take it) until it restarts there.
     */
    public void killWebServer(String name) {
        WebServer server = webServer(name);
        webServers.remove(server);
        DeadPort dead = server.kill();
        deadPorts.put(dead.port(), dead);
    }

    /** Starts a killed web server again, on its old address. */
    public WebServer restartWebServer(String name, int port) {
        // It binds beside the hold (both with SO_REUSEADDR) before the hold lets go: at no moment is
        // the port free for another server or a client connection to take.
        WebServer server = track(webServer(name, port));
        DeadPort dead = deadPorts.remove(port);
        if (dead != null) {
            dead.close();
        }
        return server;
    }

    /** A web server of this topology: through the cache tier when there is one. */
    private WebServer webServer(String name, int port) {
        Schema.apply(database.primary());
        UserRepository users = new JdbiUserRepository(database);
        if (cache != null) {
            users = cache.inFrontOf(users);
        }
        return new WebServer(WebServer.Parts.of(name, new UserService(users, hasher), sessions, failures)
                        .withAssets(assets, edge == null ? "" : edge.assetBase())
                        .withLatency(originLatency))
                .start(port);
    }

    /** Where the edge sends what it lacks: wherever DNS says the site is (the load balancer). */
    private InetSocketAddress origin() {
        try {
            return dns.resolve(SITE);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A web server for the one database at {@code config} (no replicas, no cache), its sessions and
     * failed-login counts in {@code sessions} and {@code failures}.
     */
    public static WebServer webServer(
            String name,
            DataTierConfig config,
            PasswordHasher hasher,
            SessionStore sessions,
            FailureCounter failures,
            int port) {
        ReplicationCluster cluster = ReplicationCluster.primaryOnly(config);
        ReplicatedDatabase database = new ReplicatedDatabase(cluster, Acknowledgement.ASYNC);
        Schema.apply(database.primary());
        return new WebServer(name, new UserService(new JdbiUserRepository(database), hasher), sessions, failures)
                .start(port)
                .closing(cluster);
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
        return webServers.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running web server " + name));
    }

    public List<WebServer> webServers() {
        return List.copyOf(webServers);
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ReplicationCluster cluster() {
        return cluster;
    }

    /**
     * The session tier's Redis server; null when the builder was given sessions of its own, or a
     * session tier this topology did not start.
     */
    public RedisServer sessionServer() {
        return sessionTier == null ? null : sessionTier.server();
    }

    /** Where the web tier keeps sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** The CDN edge; null without one. */
    public EdgeServer edge() {
        return edge == null ? null : edge.server();
    }

    /** The edge's purge token (the demo prints it); null without an edge. */
    public String purgeToken() {
        return edge == null ? null : edge.purgeToken();
    }

    /**
     * Releases a new version of the asset {@code file} ({@code app.css}) to every web server, as a
     * deployment would: pages link the new version from now on; old fingerprinted names still answer.
     */
    public void releaseAsset(String file, byte[] content) {
        assets.release(file, content);
    }

    /** The cache tier's server; null without a cache, or with a Redis server this topology did not start. */
    public RedisServer cacheServer() {
        return cache == null ? null : cache.server();
    }

    /** Statements the web tier ran on every database node together: what the cache saves. */
    public long databaseReads() {
        long reads = cluster.primary().readsServed();
        for (DbNode replica : cluster.replicas()) {
            reads += replica.readsServed();
        }
        return reads;
    }

    /** The primary's database server. */
    public DatabaseServer database() {
        return cluster.primary().server();
    }

    /** How to reach the primary with full rights (tests look at its tables with it). */
    public DataTierConfig dataTier() {
        return DataTierConfig.from(
                Map.of(
                        DataTierConfig.URL_VARIABLE,
                        cluster.primary().url(),
                        DataTierConfig.PASSWORD_VARIABLE,
                        cluster.primary().server().password()),
                new Properties());
    }

    /**
     * Waits until every live replica has applied everything the primary has (at most 10 s). An
     * applier that runs into an unfinished exercise's stub fails the wait at once, with its message.
     */
    public void awaitReplication() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long target = cluster.primary().position();
        for (DbNode replica : cluster.liveReplicas()) {
            while (replica.position() < target) {
                rethrowUnfinished();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            replica.name() + " is stuck at position " + replica.position() + " < " + target);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Throws the stub a background part of this topology (health checks, appliers, failover) ran
     * into, if an exercise it needs is not done yet: a test that waits for that part fails at once,
     * naming the exercise, instead of at its time-out.
     */
    public void rethrowUnfinished() {
        Optional<UnsupportedOperationException> todo = cluster.unfinished();
        if (todo.isEmpty() && peerApplier != null) {
            todo = peerApplier.unfinished();
        }
        if (todo.isEmpty() && loadBalancer != null) {
            todo = loadBalancer.unfinishedHealthChecks();
        }
        if (todo.isPresent()) {
            throw todo.get();
        }
    }

    @Override
    public void close() {
        dns.remove(SITE);
        if (edge != null) {
            dns.remove(CDN);
            edge.close();
        }
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        webServers.forEach(WebServer::close);
        webServers.clear();
        deadPorts.values().forEach(DeadPort::close);
        deadPorts.clear();
        if (cache != null) {
            cache.close();
        }
        if (peerApplier != null) {
            peerApplier.close();
        }
        if (peerSessions != null) {
            peerSessions.close();
        }
        if (sessionTier != null) {
            sessionTier.close();
        }
        cluster.close();
    }
}
