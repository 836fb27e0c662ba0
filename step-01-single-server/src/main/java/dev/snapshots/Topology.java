package dev.snapshots;

import dev.snapshots.data.InMemoryUserRepository;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.session.InMemorySessionStore;
import dev.snapshots.web.WebServer;

/**
 * Step 01's whole system, wired: DNS → one web server that holds the page, the API, the sessions
 * and the data in its own memory. The boxes here are the boxes of the step's diagram.
 */
public final class Topology implements AutoCloseable {

    /** The site's host name: a reserved test TLD, resolved only by the course's DNS. */
    public static final String SITE = "snapshots.test";

    private final DnsRegistry dns;
    private final UserRepository repository;
    private final UserService users;
    private final WebServer webServer;

    private Topology(DnsRegistry dns, int port, PasswordHasher hasher) {
        this.dns = dns;
        this.repository = new InMemoryUserRepository();
        this.users = new UserService(repository, hasher);
        this.webServer = new WebServer("web-1", users, new InMemorySessionStore()).start(port);
        dns.register(SITE, webServer.address());
    }

    /** Starts the web server on the given port (0: any free one) and publishes it in DNS. */
    public static Topology start(DnsRegistry dns, int port) {
        return new Topology(dns, port, new PasswordHasher());
    }

    /** The same, with another password hasher (tests use a cheaper one: they hash hundreds of passwords). */
    public static Topology start(DnsRegistry dns, int port, PasswordHasher hasher) {
        return new Topology(dns, port, hasher);
    }

    public UserService users() {
        return users;
    }

    public UserRepository repository() {
        return repository;
    }

    public WebServer webServer() {
        return webServer;
    }

    @Override
    public void close() {
        dns.remove(SITE);
        webServer.close();
    }
}
