package dev.snapshots;

import dev.snapshots.dns.StubResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A test user somewhere in the world: it finds the site through the GeoDNS server (its stub resolver
 * sends the client's /24 and caches answers for their TTL), then reaches the centre the answer names
 * as a client of its region would: directly in its own region, across the ocean otherwise.
 */
final class GeoClient {

    /** TEST-NET addresses the course's region table places: one client per region, and one it does not know. */
    static final String EU_ADDRESS = "203.0.113.7";

    static final String US_ADDRESS = "198.51.100.7";
    static final String UNKNOWN_ADDRESS = "100.64.0.7";

    private final GlobalSite site;
    private final String region;
    private final StubResolver resolver;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    GeoClient(GlobalSite site, String region, String address, Clock clock) {
        this.site = site;
        this.region = region;
        try {
            this.resolver = new StubResolver(site.dns().address(), InetAddress.getByName(address), clock);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static GeoClient inEurope(GlobalSite site) {
        return new GeoClient(site, "eu", EU_ADDRESS, Clock.systemUTC());
    }

    static GeoClient inAmerica(GlobalSite site) {
        return new GeoClient(site, "us", US_ADDRESS, Clock.systemUTC());
    }

    /** The centre DNS sends this client to now (from its cache while the answer's TTL lasts). */
    String centre() {
        try {
            return GlobalSite.centreName(resolver.resolve(Topology.SITE));
        } catch (UnknownHostException e) {
            throw new AssertionError("snapshots.test did not resolve: " + e.getMessage(), e);
        }
    }

    /** The centre the DNS server names for this client now, asked afresh (no cache: exercise 8.3's). */
    GlobalSite.Centre lookUpCentre() {
        try {
            return site.centreNamed(
                    GlobalSite.centreName(resolver.lookup(Topology.SITE).address()));
        } catch (UnknownHostException e) {
            throw new AssertionError("snapshots.test did not resolve: " + e.getMessage(), e);
        }
    }

    /** {@code GET path} wherever DNS says, with this session id (or none). */
    SiteClient.Response get(String path, String sessionId) {
        return send(where(), HttpRequest.newBuilder().GET(), path, sessionId);
    }

    /** {@code POST path} with a JSON body, wherever DNS says. */
    SiteClient.Response post(String path, String json, String sessionId) {
        return send(
                where(),
                HttpRequest.newBuilder()
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                path,
                sessionId);
    }

    /** {@code GET path} at {@code centre}, whatever DNS says (as a client that kept an old answer would). */
    SiteClient.Response getAt(GlobalSite.Centre centre, String path, String sessionId) {
        return send(site.reach(region, centre), HttpRequest.newBuilder().GET(), path, sessionId);
    }

    private InetSocketAddress where() {
        try {
            return site.reach(region, resolver.resolve(Topology.SITE));
        } catch (UnknownHostException e) {
            throw new AssertionError("snapshots.test did not resolve: " + e.getMessage(), e);
        }
    }

    private SiteClient.Response send(InetSocketAddress to, HttpRequest.Builder request, String path, String sessionId) {
        request.uri(URI.create("http://127.0.0.1:" + to.getPort() + path)).timeout(Duration.ofSeconds(3));
        String what = request.build().method() + " " + path + " from " + region + " via port " + to.getPort();
        if (sessionId != null) {
            request.header("Cookie", Sessions.COOKIE + "=" + sessionId);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new SiteClient.Response(what, to, response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            return new SiteClient.Response(
                    what, to, 0, "no answer: " + e, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Signs {@code email} up wherever DNS says, and waits until that centre's replicas have the user
     * (a login reads a replica, and this client keeps no read-your-writes cookie); the new user's id.
     */
    long signUp(String email) {
        SiteClient.Response created = post(
                "/api/users",
                "{\"name\": \"U\", \"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email),
                null);
        if (created.status() != 201) {
            throw new AssertionError("sign-up of " + email + " failed: " + created);
        }
        site.centre(centre()).data().awaitReplication();
        return created.json().get("id").asLong();
    }

    /** Logs {@code email} in wherever DNS says; the answer (its session id: {@link Sessions#sessionId}). */
    SiteClient.Response logIn(String email) {
        return post("/api/login", "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email), null);
    }

    /** The session id of a login that must have worked. */
    static String session(SiteClient.Response login) {
        Optional<String> id = Sessions.sessionId(login);
        if (login.status() != 200 || id.isEmpty()) {
            throw new AssertionError("login failed: " + login);
        }
        return id.get();
    }
}
