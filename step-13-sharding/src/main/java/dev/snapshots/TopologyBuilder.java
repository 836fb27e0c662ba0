package dev.snapshots;

import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.logging.LogSettings;
import dev.snapshots.metrics.MetricsSettings;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionPolicy;
import dev.snapshots.session.SessionStore;
import java.time.Duration;

/**
 * What a topology has. By default: one database alone, with no web server, balancer or cache. Each
 * step adds options, so a test carried from an earlier step asks for the shape it needs, e.g.
 * {@code Topology.builder(dns).webServers(3).loadBalancer().replicas(2).cache(ttl).start()}.
 */
public final class TopologyBuilder {
    final DnsRegistry dns;
    int webServers;
    boolean loadBalanced;
    int loadBalancerPort;
    Duration connectTimeout = LoadBalancer.CONNECT_TIMEOUT;
    Duration backendTimeout = LoadBalancer.BACKEND_TIMEOUT;
    int replicas;
    Acknowledgement acknowledgement = Acknowledgement.ASYNC;
    Duration semiSyncTimeout = ReplicatedDatabase.SEMI_SYNC_TIMEOUT;
    Duration cacheTtl;
    Duration cacheTimeout = RedisClients.TIMEOUT;
    RedisConfig externalCache;
    PasswordHasher hasher = new PasswordHasher();
    boolean cdn;
    int cdnPort;
    String assetHost;
    Duration originLatency = Duration.ZERO;
    Duration idleTimeout = SessionPolicy.IDLE_TIMEOUT;
    Duration absoluteLifetime = SessionPolicy.ABSOLUTE_LIFETIME;
    Duration sessionTimeout = SessionPolicy.TIMEOUT;
    SessionStore sessions;
    FailureCounter failures;
    RedisConfig externalSessionTier;
    Integer workers;
    QueueSettings queueSettings = QueueSettings.defaults();
    LogSettings logSettings;
    MetricsSettings metricsSettings;
    DeploySettings deploySettings;
    int shards;
    Duration storageLatency = Duration.ZERO;

    TopologyBuilder(DnsRegistry dns) {
        this.dns = dns;
    }

    /**
     * Starts {@code count} web servers, web-1, web-2…; without a balancer, DNS points at web-1
     * (step 02's shape).
     */
    public TopologyBuilder webServers(int count) {
        this.webServers = count;
        return this;
    }

    /** Puts the load balancer in front of the web servers, on a free port; DNS points at it. */
    public TopologyBuilder loadBalancer() {
        return loadBalancer(0);
    }

    /** The same, on a fixed port (the demo's), so its address does not change between runs. */
    public TopologyBuilder loadBalancer(int port) {
        this.loadBalanced = true;
        this.loadBalancerPort = port;
        return this;
    }

    /**
     * How long the balancer waits for a web server to take a connection (the site's: 1 s, nginx's
     * {@code proxy_connect_timeout}) and to answer (4 s, {@code proxy_read_timeout}) before it gives
     * up with a {@code 502} or a {@code 504}. Tests give both room: on a loaded machine a web server
     * can take longer, and no test through a topology is about these time-outs.
     */
    public TopologyBuilder balancerTimeouts(Duration connect, Duration answer) {
        this.connectTimeout = connect;
        this.backendTimeout = answer;
        return this;
    }

    /** The load balancer this builder describes, not started yet; its {@code /metrics} asks for {@code metricsToken}. */
    LoadBalancer balancer(String metricsToken) {
        return new LoadBalancer(metricsToken, connectTimeout, backendTimeout);
    }

    /** Gives the primary {@code count} replicas (db-2, db-3…) that follow its log and take the reads. */
    public TopologyBuilder replicas(int count) {
        this.replicas = count;
        return this;
    }

    /** When a write is acknowledged: at once (asynchronous, the default) or once a replica has it. */
    public TopologyBuilder acknowledgement(Acknowledgement mode) {
        this.acknowledgement = mode;
        return this;
    }

    /** How long a semi-synchronous write waits for a replica before it is refused (2 s by default). */
    public TopologyBuilder semiSyncTimeout(Duration timeout) {
        this.semiSyncTimeout = timeout;
        return this;
    }

    /** Puts a Redis server of its own, on a free port, in front of the data tier; entries live {@code ttl}. */
    public TopologyBuilder cache(Duration ttl) {
        this.cacheTtl = ttl;
        return this;
    }

    /** Puts the Redis server at {@code external} in front of the data tier instead of one started here. */
    public TopologyBuilder cache(Duration ttl, RedisConfig external) {
        this.externalCache = external;
        return cache(ttl);
    }

    /**
     * How long a web server waits for the cache to connect or answer before it asks the data tier
     * instead; by default {@link RedisClients#TIMEOUT}, the site's: a slow cache is worse than none.
     */
    public TopologyBuilder cacheTimeout(Duration timeout) {
        this.cacheTimeout = timeout;
        return this;
    }

    /**
     * Puts the CDN edge at {@value Topology#CDN}, on a free port, with the load balancer as its
     * origin; the page links its assets there.
     */
    public TopologyBuilder cdn() {
        return cdn(0, Topology.CDN);
    }

    /**
     * The same, on a fixed port, with the page linking its assets at {@code assetHost} instead:
     * the demo's, for a real browser, which does not ask the course DNS (it links
     * {@code localhost}, a host name of its own beside the page's {@code 127.0.0.1}).
     */
    public TopologyBuilder cdn(int port, String assetHost) {
        this.cdn = true;
        this.cdnPort = port;
        this.assetHost = assetHost;
        return this;
    }

    /**
     * Makes every web server answer {@code latency} late, as an origin far from its users would
     * (the benchmark's "far origin"; zero by default).
     */
    public TopologyBuilder originLatency(Duration latency) {
        this.originLatency = latency;
        return this;
    }

    /**
     * Sessions end after {@code idle} without use and {@code absolute} after their login
     * (30 minutes and 12 hours by default): tests shorten both.
     */
    public TopologyBuilder sessionLifetime(Duration idle, Duration absolute) {
        this.idleTimeout = idle;
        this.absoluteLifetime = absolute;
        return this;
    }

    /**
     * How long a web server waits for the session tier to connect or answer; by default
     * {@link SessionPolicy#TIMEOUT}, the site's: a hung session tier costs a request half a second.
     */
    public TopologyBuilder sessionTimeout(Duration timeout) {
        this.sessionTimeout = timeout;
        return this;
    }

    /**
     * Puts the session tier on the Redis server at {@code external} (set it up with
     * {@link SessionPolicy#redisSettings()}) instead of one started here.
     */
    public TopologyBuilder sessionTier(RedisConfig external) {
        this.externalSessionTier = external;
        return this;
    }

    /**
     * Keeps sessions and failed-login counts in {@code sessions} and {@code failures}, shared by
     * every web server, instead of on a session tier started here: the tests carried from earlier
     * steps use an in-memory pair, so they pass whatever this step's exercises are doing.
     */
    public TopologyBuilder sessions(SessionStore sessions, FailureCounter failures) {
        this.sessions = sessions;
        this.failures = failures;
        return this;
    }

    /**
     * Takes photo uploads (step 09): a queue tier (a Redis server of its own) for thumbnail jobs, a
     * blob store (a fresh directory) for the bytes, and {@code workers} workers, worker-1…, that
     * make the thumbnails. Zero workers is allowed: uploads are still accepted, and wait.
     */
    public TopologyBuilder queue(int workers) {
        this.workers = workers;
        return this;
    }

    /**
     * The same with {@code settings} (tests shorten the visibility timeout), the workers reaching
     * the data tier over a link that delays each direction by {@code storageLatency}: the time a
     * job spends waiting on storage, which is what more workers overlap (zero by default).
     */
    public TopologyBuilder queue(int workers, QueueSettings settings, Duration storageLatency) {
        this.queueSettings = settings;
        this.storageLatency = storageLatency;
        return queue(workers);
    }

    /**
     * Central logging (step 10): a log pipeline (a Redis stream), an indexer, a log store (an H2
     * server of its own) and a search endpoint; every server of the topology ships its lines
     * there. Without it, lines go to the console only.
     */
    public TopologyBuilder logs() {
        return logs(LogSettings.defaults());
    }

    /** The same, tuned by {@code settings} (tests make a server's buffer small). */
    public TopologyBuilder logs(LogSettings settings) {
        this.logSettings = settings;
        return this;
    }

    /**
     * A scraper (step 11) that finds the balancer and its web servers, reads their
     * {@code /metrics} every second, keeps the last two minutes and evaluates the error-ratio
     * alert. Every server has its metrics without it; nobody reads them.
     */
    public TopologyBuilder metrics() {
        return metrics(MetricsSettings.defaults());
    }

    /** The same, tuned by {@code settings} (tests scrape faster and alert sooner). */
    public TopologyBuilder metrics(MetricsSettings settings) {
        this.metricsSettings = settings;
        return this;
    }

    /**
     * Deploys (step 12): the balancer checks every web server's readiness probe, a stopping web
     * server drains first, and {@link Topology#deployer()} rolls releases of {@link
     * Topology#pipeline()} over the web servers. Needs the balancer.
     */
    public TopologyBuilder deploys() {
        return deploys(DeploySettings.defaults());
    }

    /** The same, tuned by {@code settings} (tests check, drain and judge faster). */
    public TopologyBuilder deploys(DeploySettings settings) {
        this.deploySettings = settings;
        return this;
    }

    /**
     * Shards the users (step 13): {@code count} shards, each a primary with {@link #replicas}
     * replicas of its own, routed by a consistent-hash ring; emails in a directory on the main
     * database. The web tier does not know: it sees the same {@code UserRepository}.
     */
    public TopologyBuilder shards(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("1 to 64 shards, not " + count);
        }
        this.shards = count;
        return this;
    }

    /**
     * The hasher every web server uses. The site's is slow on purpose; tests lower its cost
     * (exercise 1.4's own tests keep the full one).
     */
    public TopologyBuilder passwordHasher(PasswordHasher hasher) {
        this.hasher = hasher;
        return this;
    }

    /** Starts every tier, data first; if any fails to start, whatever did start is stopped. */
    public Topology start() {
        return Topology.start(this);
    }
}
