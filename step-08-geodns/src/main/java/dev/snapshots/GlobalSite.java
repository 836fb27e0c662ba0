package dev.snapshots;

import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.DbNode;
import dev.snapshots.dns.CentreChecks;
import dev.snapshots.dns.CentreHealth;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.dns.GeoDnsServer;
import dev.snapshots.dns.GeoRouting;
import dev.snapshots.dns.RegionTable;
import dev.snapshots.net.SlowLink;
import dev.snapshots.redis.RedisConfig;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Step 08's system: the site in two data centres, {@code us-east} and {@code eu-west}, each a whole
 * step 07 {@link Topology} of its own, with an ocean between them ({@link SlowLink}s, 40 ms each
 * way). One GeoDNS server answers {@value Topology#SITE}: each client is sent to the closest centre
 * that passes its health checks (exercises 8.1 and 8.2) and keeps the answer for its TTL (8.3). Each
 * centre's primary applies the other's log (8.4), and each centre's sessions are copied to the
 * other's session tier (8.5), so a user can be served by either.
 *
 * <p>Everything runs on 127.0.0.1, so "far" is made, not found: a client reaches a centre outside its
 * own region through an ocean link ({@link #reach}), and each centre reaches the other's primary and
 * session tier through one too.
 */
public final class GlobalSite implements AutoCloseable {

    /** A data centre: its name in DNS and the region it stands in. */
    public record Centre(String name, String region) {}

    public static final Centre US_EAST = new Centre("us-east", "us");
    public static final Centre EU_WEST = new Centre("eu-west", "eu");
    /** Clients the region table does not know are counted in this region. */
    public static final String DEFAULT_REGION = "us";
    /** One way across the Atlantic, roughly. */
    public static final Duration OCEAN = Duration.ofMillis(40);
    /** How often each centre's primary asks the other's for news. */
    static final Duration APPLY_EVERY = Duration.ofMillis(20);

    /** What a site has; by default the demo's shape, with a TTL of 5 s and checks every 500 ms. */
    public static final class Builder {
        private Function<DnsRegistry, TopologyBuilder> shape = dns ->
                Topology.builder(dns).webServers(2).loadBalancer().replicas(1).cache(Duration.ofSeconds(30));
        private Duration ttl = Duration.ofSeconds(5);
        private Duration checkEvery = Duration.ofMillis(500);
        private int fall = 2;
        private int rise = 2;
        private Duration ocean = OCEAN;

        private Builder() {}

        /** The shape of each centre, given the DNS registry of its own tiers. */
        public Builder centres(Function<DnsRegistry, TopologyBuilder> shape) {
            this.shape = shape;
            return this;
        }

        /** How long a client may keep a DNS answer (whole seconds; 0: not at all). */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Health checks of each centre's balancer: every {@code interval}, {@code fall} and {@code rise} in a row. */
        public Builder healthChecks(Duration interval, int fall, int rise) {
            this.checkEvery = interval;
            this.fall = fall;
            this.rise = rise;
            return this;
        }

        /** One way across the ocean. */
        public Builder ocean(Duration oneWay) {
            this.ocean = oneWay;
            return this;
        }

        /** Starts both centres, the ocean between them, the health checks and the GeoDNS server. */
        public GlobalSite start() {
            GlobalSite site = new GlobalSite(this);
            try {
                site.start();
                return site;
            } catch (RuntimeException e) {
                site.close();
                throw e;
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Builder options;
    private final Map<String, Centre> centres = new LinkedHashMap<>();
    private final Map<String, Topology> topologies = new LinkedHashMap<>();
    private final Map<String, SlowLink> clientLinks = new LinkedHashMap<>();
    private final List<SlowLink> links = new ArrayList<>();
    private final CentreHealth health;
    private final GeoRouting routing;
    private CentreChecks checks;
    private GeoDnsServer dns;

    private GlobalSite(Builder options) {
        this.options = options;
        for (Centre centre : List.of(US_EAST, EU_WEST)) {
            centres.put(centre.name(), centre);
        }
        this.health = new CentreHealth(HttpClient.newHttpClient(), options.fall, options.rise);
        // Measured once, like a latency table: each region's own centre first, the other across the ocean.
        this.routing = new GeoRouting(
                Map.of("us", List.of(US_EAST.name(), EU_WEST.name()), "eu", List.of(EU_WEST.name(), US_EAST.name())),
                DEFAULT_REGION);
    }

    private void start() {
        int index = 0;
        for (Centre centre : centres.values()) {
            topologies.put(
                    centre.name(),
                    options.shape
                            .apply(new DnsRegistry())
                            .centre(centre.name(), index++)
                            .start());
        }
        for (Centre from : centres.values()) {
            for (Centre to : centres.values()) {
                if (from != to) {
                    linkCentres(from, to);
                    // Clients of from's region reach to's balancer across the ocean.
                    clientLinks.put(
                            from.region() + ">" + to.name(),
                            link(topologies.get(to.name()).loadBalancer().address()));
                }
            }
        }
        Map<String, InetSocketAddress> balancers = new LinkedHashMap<>();
        topologies.forEach(
                (name, topology) -> balancers.put(name, topology.loadBalancer().address()));
        checks = new CentreChecks(health, balancers).start(options.checkEvery);
        dns = new GeoDnsServer(RegionTable.course(), centres.keySet(), (region, client) -> answer(region), options.ttl);
    }

    /** {@code from} applies {@code to}'s log and copies its sessions to {@code to}, across the ocean. */
    private void linkCentres(Centre from, Centre to) {
        Topology far = topologies.get(to.name());
        DbNode farPrimary = far.data().cluster().primary();
        DatabaseServer farServer = farPrimary.server();
        SlowLink toDatabase = link(new InetSocketAddress("127.0.0.1", farServer.port()));
        String url = farPrimary
                .url()
                .replace(
                        "127.0.0.1:" + farServer.port() + "/",
                        "127.0.0.1:" + toDatabase.address().getPort() + "/");
        RedisConfig farSessions = null;
        if (far.sessionServer() != null) {
            SlowLink toSessions =
                    link(new InetSocketAddress("127.0.0.1", far.sessionServer().port()));
            farSessions = new RedisConfig(
                    "127.0.0.1",
                    toSessions.address().getPort(),
                    far.sessionServer().password());
        }
        topologies
                .get(from.name())
                .dataCentre()
                .linkPeer(
                        to.name(),
                        DbNode.remote(to.name(), url, DatabaseServer.USER, farServer.password()),
                        farSessions,
                        APPLY_EVERY);
    }

    private SlowLink link(InetSocketAddress target) {
        SlowLink link = new SlowLink(target, options.ocean);
        links.add(link);
        return link;
    }

    /** The answer for a client of {@code region}: exercise 8.1's choice among the centres 8.2 keeps up. */
    private Optional<GeoDnsServer.Centre> answer(Optional<String> region) {
        String chosen = routing.choose(region, health::isUp);
        return Optional.of(new GeoDnsServer.Centre(
                chosen, topologies.get(chosen).loadBalancer().address().getPort()));
    }

    /** The GeoDNS server: the one address every client is given. */
    public GeoDnsServer dns() {
        return dns;
    }

    /** A centre's whole stack. */
    public Topology centre(String name) {
        Topology topology = topologies.get(name);
        if (topology == null) {
            throw new IllegalArgumentException("no centre " + name);
        }
        return topology;
    }

    public Topology centre(Centre centre) {
        return centre(centre.name());
    }

    /** True while the DNS tier answers {@code centre} (exercise 8.2). */
    public boolean isUp(String centre) {
        return health.isUp(centre);
    }

    /**
     * Where a client of {@code clientRegion} connects to reach {@code resolved} (an address from
     * {@link dev.snapshots.dns.StubResolver}, which carries the centre's name): the balancer itself in
     * the client's own region, else the ocean link to it.
     */
    public InetSocketAddress reach(String clientRegion, InetSocketAddress resolved) {
        Centre centre = centres.get(centreName(resolved));
        return centre == null ? resolved : reach(clientRegion, centre);
    }

    /** The centre called {@code name}. */
    public Centre centreNamed(String name) {
        Centre centre = centres.get(name);
        if (centre == null) {
            throw new IllegalArgumentException("no centre " + name);
        }
        return centre;
    }

    /** The centre a resolved address names ({@code eu-west} for {@code eu-west.snapshots.test}). */
    public static String centreName(InetSocketAddress resolved) {
        return resolved.getHostString().replaceFirst("\\..*$", "");
    }

    /** Where a client of {@code clientRegion} connects to reach {@code centre}, whatever DNS says. */
    public InetSocketAddress reach(String clientRegion, Centre centre) {
        InetSocketAddress balancer = centre(centre).loadBalancer().address();
        return centre.region().equals(clientRegion)
                ? balancer
                : clientLinks.get(clientRegion + ">" + centre.name()).address();
    }

    /**
     * Partitions the ocean ({@code true}) or heals it: while partitioned, nothing crosses between the
     * centres: replication waits and catches up after healing; a session copy waits for its time-out
     * (500 ms) and is dropped; no client reaches a far centre.
     */
    public void partitionOcean(boolean partitioned) {
        links.forEach(link -> link.partition(partitioned));
    }

    /**
     * Throws the stub a background part of the site ran into (health checks, an applier), if an
     * exercise it needs is not done yet: a test that waits for it fails at once, naming the exercise.
     */
    public void rethrowUnfinished() {
        if (checks != null && checks.unfinished().isPresent()) {
            throw checks.unfinished().get();
        }
        topologies.values().forEach(Topology::rethrowUnfinished);
    }

    @Override
    public void close() {
        if (dns != null) {
            dns.close();
        }
        if (checks != null) {
            checks.close();
        }
        links.forEach(SlowLink::close);
        topologies.values().forEach(Topology::close);
    }
}
