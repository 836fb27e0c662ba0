package dev.snapshots;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;

/**
 * Step 02's two tiers for the tests of exercises 2.1 and 2.2: a database server and web servers on
 * it, as {@link Topology} starts them, except that the web servers get the data tier's address
 * straight from the database server ({@link DatabaseServer#config}) instead of through
 * {@link DataTierConfig#from}, which is exercise 2.3. So 2.1 and 2.2 go green before 2.3 is done;
 * {@code DataTierConfigTest} (2.3) and {@code DataTierDownTest} (2.4) use {@link Topology} itself.
 */
final class TwoTiers implements AutoCloseable {

    private final DnsRegistry dns;
    private final DatabaseServer database;
    private final DataTierConfig dataTier;
    private final WebTier web;

    private TwoTiers(DnsRegistry dns) {
        this.dns = dns;
        this.database = DatabaseServer.startTemporary();
        try {
            this.dataTier = database.config("snapshots");
            // The same web tier as Topology's, making its servers on this data tier
            // ({@link Topology#webServer}: schema, then routes).
            this.web =
                    new WebTier((name, port) -> Topology.webServer(name, dataTier, TestTopology.CHEAP_HASHING, port));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The data tier and {@code webServers} web servers, web-1, web-2…; DNS points at web-1. */
    static TwoTiers start(DnsRegistry dns, int webServers) {
        TwoTiers tiers = new TwoTiers(dns);
        try {
            for (int i = 1; i <= webServers; i++) {
                WebServer server = tiers.web().start("web-" + i);
                if (i == 1) {
                    tiers.publish(server);
                }
            }
            return tiers;
        } catch (RuntimeException e) {
            tiers.close();
            throw e;
        }
    }

    /** The web servers: start and find them, as {@link Topology#web()}. */
    WebTier web() {
        return web;
    }

    /** Points {@value Topology#SITE} at this web server. */
    void publish(WebServer server) {
        dns.register(Topology.SITE, server.address());
    }

    /** The data tier's address and credentials, for the tests' own connections. */
    DataTierConfig dataTier() {
        return dataTier;
    }

    @Override
    public void close() {
        dns.remove(Topology.SITE);
        web.close();
        database.close();
    }
}
