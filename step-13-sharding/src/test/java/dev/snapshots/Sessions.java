package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

/** Logging in and asking who you are, as the session tests do it. */
final class Sessions {

    static final String COOKIE = "snapshots_session";

    private Sessions() {}

    /** Signs a new user up and logs them in on {@code client}; returns the login's answer. */
    static SiteClient.Response signUpAndLogIn(SiteClient client, String email) {
        SiteClient.Response created = Nodes.signUp(client, email);
        if (created.status() != 201) {
            throw new AssertionError("sign-up of " + email + " failed: " + created);
        }
        return logIn(client, email);
    }

    static SiteClient.Response logIn(SiteClient client, String email) {
        return client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email));
    }

    /** The session id a login's answer sets, if it sets one. */
    static Optional<String> sessionId(SiteClient.Response response) {
        return response.headers("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(COOKIE + "="))
                .map(cookie -> cookie.substring(COOKIE.length() + 1).split(";", 2)[0])
                .filter(id -> !id.isEmpty())
                .findFirst();
    }

    /** The session cookie a login's answer sets, whole (with its attributes). */
    static String setCookie(SiteClient.Response response) {
        return response.headers("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(COOKIE + "="))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no session cookie in " + response + " " + response.headers("Set-Cookie")));
    }

    /** {@code GET url} with only this session id as cookie, from a client that holds nothing else. */
    static SiteClient.Response getWith(DnsRegistry dns, String url, String sessionId) {
        SiteClient bare = new SiteClient(dns);
        return bare.send(
                HttpRequest.newBuilder(bare.resolve(url))
                        .header("Cookie", COOKIE + "=" + sessionId)
                        .GET(),
                "GET " + url + " with session " + sessionId.substring(0, Math.min(8, sessionId.length())) + "…");
    }

    /** The same, straight to the web server at {@code port}. */
    static SiteClient.Response getFrom(DnsRegistry dns, int port, String path, String sessionId) {
        SiteClient bare = new SiteClient(dns);
        return bare.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Cookie", COOKIE + "=" + sessionId)
                        .GET(),
                "GET " + path + " on port " + port);
    }
}
