package dev.snapshots;

import dev.snapshots.cache.CacheClient;
import dev.snapshots.cache.CacheConfig;
import dev.snapshots.cache.CacheServer;
import dev.snapshots.cache.CachedUserRepository;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.JdbiUserRepository;
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
import dev.snapshots.session.InMemorySessionStore;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.RedisClient;

/**
 * Step 05's system, wired: DNS → load balancer → web servers → the cache tier (Redis) in front of a
 * replicated data tier (a primary that takes the writes, replicas that follow its log and take the
 * reads).
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    private final ReplicationCluster cluster;
    private final ReplicatedDatabase database;
    private final List<WebServer> webServers = new CopyOnWriteArrayList<>();
    private LoadBalancer loadBalancer;
    private CacheServer cacheServer;
    private RedisClient cacheClient;
    private Duration cacheTtl;

    private Topology(DnsRegistry dns, ReplicationCluster cluster, Acknowledgement acknowledgement) {
        this.dns = dns;
        this.cluster = cluster;
        this.database = new ReplicatedDatabase(cluster, acknowledgement);
    }

    /** The whole step: the cache tier (entries live {@code ttl}), a primary and replicas, web servers, the balancer. */
    public static Topology startWithCache(DnsRegistry dns, int webServers, int replicas, Duration ttl, int port) {
        return startWithCache(dns, webServers, replicas, ttl, port, Optional.empty());
    }

    /** The same, on the Redis server at {@code external} if given, instead of one started here. */
    public static Topology startWithCache(DnsRegistry dns, int webServers, int replicas, Duration ttl, int port,
                                          Optional<CacheConfig> external) {
        Topology topology = new Topology(dns, ReplicationCluster.start(replicas), Acknowledgement.ASYNC);
        try {
            if (external.isPresent()) {
                topology.cacheClient = CacheClient.connect(external.get().host(), external.get().port());
            } else {
                topology.cacheServer = port == 0 ? CacheServer.startTemporary() : CacheServer.start(port + 1);
                topology.cacheClient = CacheClient.connect("127.0.0.1", topology.cacheServer.port());
            }
            topology.cacheTtl = ttl;
            topology.startBalancedWebServers(webServers, port);
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** Step 04's shape, with no cache: a primary and {@code replicas} replicas, web servers, the balancer. */
    public static Topology start(DnsRegistry dns, int webServers, int replicas) {
        return start(dns, webServers, replicas, Acknowledgement.ASYNC, 0);
    }

    /** The same, with the acknowledgement mode and the balancer's port (0: any free one) chosen. */
    public static Topology start(DnsRegistry dns, int webServers, int replicas, Acknowledgement acknowledgement, int port) {
        Topology topology = new Topology(dns, ReplicationCluster.start(replicas), acknowledgement);
        try {
            topology.startBalancedWebServers(webServers, port);
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    private void startBalancedWebServers(int count, int port) {
        loadBalancer = new LoadBalancer().start(port);
        for (int i = 1; i <= count; i++) {
            addWebServer("web-" + i);
        }
        dns.register(SITE, loadBalancer.address());
    }

    /** Step 03's shape: one database with no replicas, {@code webServers} web servers behind the balancer. */
    public static Topology start(DnsRegistry dns, int webServers) {
        return start(dns, webServers, 0);
    }

    /** Step 02's shape, with no balancer: one database and web-1, which DNS points at directly. */
    public static Topology startWithoutBalancer(DnsRegistry dns) {
        Topology topology = startDataTier(dns);
        try {
            topology.publish(topology.startWebServer("web-1"));
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** Only a data tier of one database, with no replicas. */
    public static Topology startDataTier(DnsRegistry dns) {
        return new Topology(dns, ReplicationCluster.start(0), Acknowledgement.ASYNC);
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

    /** Kills a web server; the balancer is not told and has to notice by itself. */
    public void killWebServer(String name) {
        stopWebServer(webServer(name));
    }

    /** Starts a killed web server again, on its old address. */
    public WebServer restartWebServer(String name, int port) {
        return track(webServer(name, port));
    }

    /** A web server of this topology: through the cache tier when there is one. */
    private WebServer webServer(String name, int port) {
        Schema.apply(database.primary());
        UserRepository users = new JdbiUserRepository(database);
        if (cacheClient != null) {
            users = new CachedUserRepository(users, cacheClient, cacheTtl);
        }
        return webServer(name, users, port);
    }

    /** A web server for the one database at {@code config} (no replicas). */
    public static WebServer webServer(String name, DataTierConfig config, int port) {
        return webServer(name, new ReplicatedDatabase(ReplicationCluster.primaryOnly(config), Acknowledgement.ASYNC), port);
    }

    /** One web server on a replicated data tier: schema first (on the primary), then the routes. */
    static WebServer webServer(String name, ReplicatedDatabase database, int port) {
        Schema.apply(database.primary());
        return webServer(name, new JdbiUserRepository(database), port);
    }

    private static WebServer webServer(String name, UserRepository users, int port) {
        return new WebServer(name, new UserService(users, new PasswordHasher()), new InMemorySessionStore()).start(port);
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
        return webServers.stream().filter(s -> s.name().equals(name)).findFirst()
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

    /** The cache tier's server; null without a cache, or with a Redis server this topology did not start. */
    public CacheServer cacheServer() {
        return cacheServer;
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
        return DataTierConfig.from(Map.of(DataTierConfig.URL_VARIABLE, cluster.primary().url()), new Properties());
    }

    /** Waits until every live replica has applied everything the primary has (at most 10 s). */
    public void awaitReplication() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long target = cluster.primary().position();
        for (DbNode replica : cluster.liveReplicas()) {
            while (replica.position() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(replica.name() + " is stuck at position " + replica.position() + " < " + target);
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

    @Override
    public void close() {
        dns.remove(SITE);
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        webServers.forEach(WebServer::close);
        webServers.clear();
        if (cacheClient != null) {
            cacheClient.close();
        }
        if (cacheServer != null) {
            cacheServer.close();
        }
        cluster.close();
    }
}
