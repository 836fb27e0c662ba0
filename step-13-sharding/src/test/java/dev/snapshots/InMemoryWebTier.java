package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.web.WebServer;

/**
 * A web server on step 01's in-memory data, published in DNS. The tests carried from step 01 use it:
 * they guard the web tier's contract, whatever this step's data tier exercises are doing.
 */
final class InMemoryWebTier implements AutoCloseable {

    private final DnsRegistry dns;
    private final UserRepository repository = new InMemoryUserRepository();
    private final WebServer webServer;

    private InMemoryWebTier(DnsRegistry dns) {
        this.dns = dns;
        this.webServer = new WebServer(
                        "web-1",
                        new UserService(repository, TestTopology.CHEAP_HASHING),
                        new InMemorySessions(),
                        new InMemorySessions())
                .start(0);
        dns.register(Topology.SITE, webServer.address());
    }

    static InMemoryWebTier start(DnsRegistry dns) {
        return new InMemoryWebTier(dns);
    }

    UserRepository repository() {
        return repository;
    }

    WebServer webServer() {
        return webServer;
    }

    @Override
    public void close() {
        dns.remove(Topology.SITE);
        webServer.close();
    }
}
