package dev.snapshots;

import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.lb.LoadBalancer;
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

    /** The load balancer this builder describes, not started yet. */
    LoadBalancer balancer() {
        return new LoadBalancer(connectTimeout, backendTimeout);
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
