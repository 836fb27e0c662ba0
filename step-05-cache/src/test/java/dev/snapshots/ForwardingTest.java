package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 03 (exercise 3.1): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 03 · The balancer forwards requests and answers unchanged")
class ForwardingTest {

    /** What the echo backend saw of the last request. */
    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Javalin echo;
    private static LoadBalancer lb;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        echo = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.addHttpHandler(io.javalin.http.HandlerType.PUT, "/<path>", ForwardingTest::record);
                    config.routes.get("/<path>", ForwardingTest::record);
                })
                .start("127.0.0.1", 0);
        lb = new LoadBalancer().start(0);
        lb.pool().add(new Backend("echo", new java.net.InetSocketAddress("127.0.0.1", echo.port())));
        DNS.register(Topology.SITE, lb.address());
        client = new SiteClient(DNS);
    }

    private static void record(io.javalin.http.Context ctx) {
        SEEN.clear();
        SEEN.put("method", ctx.method().name());
        SEEN.put("uri", ctx.req().getRequestURI());
        SEEN.put("query", String.valueOf(ctx.queryString()));
        SEEN.put("body", ctx.body());
        SEEN.put("custom", Collections.list(ctx.req().getHeaders("X-Custom")));
        SEEN.put("forwardedFor", String.valueOf(ctx.header("X-Forwarded-For")));
        SEEN.put("host", String.valueOf(ctx.header("Host")));
        SEEN.put("proxyAuthorization", String.valueOf(ctx.header("Proxy-Authorization")));
        SEEN.put("keepAlive", String.valueOf(ctx.header("Keep-Alive")));
        if (ctx.path().endsWith("/missing")) {
            ctx.status(404).json(Map.of("error", "not here"));
            return;
        }
        ctx.status(418).header("X-Echo", "yes");
        ctx.res().addHeader("Set-Cookie", "a=1; Path=/");
        ctx.res().addHeader("Set-Cookie", "b=2; Path=/");
        ctx.contentType("text/plain; charset=utf-8").result("echo: " + ctx.body());
    }

    @AfterAll
    static void stop() {
        lb.close();
        echo.stop();
    }

    @Test
    void method_path_query_body_and_headers_reach_the_backend_unchanged() {
        SiteClient.Response response = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/echo/a%20b/c?x=1&y=two%20words"))
                        .header("X-Custom", "first")
                        .header("X-Custom", "second")
                        .PUT(HttpRequest.BodyPublishers.ofString("hello, backend")),
                "PUT /echo/a%20b/c?x=1&y=two%20words");

        assertThat(response.status())
                .as("the backend's status comes back: %s", response)
                .isEqualTo(418);
        assertThat(SEEN)
                .as("what the backend saw")
                .containsEntry("method", "PUT")
                .containsEntry("uri", "/echo/a%20b/c")
                .containsEntry("query", "x=1&y=two%20words")
                .containsEntry("body", "hello, backend");
        assertThat(SEEN.get("custom"))
                .as("both values of a repeated header reach the backend: %s", SEEN)
                .isEqualTo(List.of("first", "second"));
    }

    @Test
    void the_backend_learns_the_client_address_from_X_Forwarded_For() {
        client.get("http://snapshots.test/echo/who");
        assertThat(SEEN.get("forwardedFor"))
                .as("X-Forwarded-For seen by the backend: %s", SEEN)
                .isEqualTo("127.0.0.1");

        client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/echo/who"))
                        .header("X-Forwarded-For", "203.0.113.7"),
                "GET /echo/who through a proxy");
        assertThat(SEEN.get("forwardedFor"))
                .as("an earlier proxy's list is kept and extended: %s", SEEN)
                .isEqualTo("203.0.113.7, 127.0.0.1");
    }

    @Test
    void the_backends_status_headers_and_body_reach_the_client_unchanged() {
        SiteClient.Response response = client.get("http://snapshots.test/echo/answer");

        assertThat(response.status()).as("%s", response).isEqualTo(418);
        assertThat(response.header("X-Echo"))
                .as("the backend's own header: %s", response.headers().map())
                .isEqualTo("yes");
        assertThat(response.headers("Set-Cookie"))
                .as("every Set-Cookie, not just one: %s", response.headers().map())
                .contains("a=1; Path=/", "b=2; Path=/");
        assertThat(response.header("Content-Type"))
                .as("%s", response.headers().map())
                .startsWith("text/plain");
        assertThat(response.body()).as("%s", response).isEqualTo("echo: ");
    }

    @Test
    void an_error_from_the_backend_is_passed_on_not_turned_into_a_gateway_error() {
        SiteClient.Response response = client.get("http://snapshots.test/echo/missing");

        assertThat(response.status())
                .as("the backend's 404 is the answer: %s", response)
                .isEqualTo(404);
        assertThat(response.json().path("error").asText()).as("%s", response).isEqualTo("not here");
    }

    @Test
    void the_real_site_works_through_the_balancer() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology =
                TestTopology.builder(dns).webServers(1).loadBalancer().start()) {
            SiteClient site = new SiteClient(dns);
            var created = site.postJson(
                    "http://snapshots.test/api/users",
                    "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
            assertThat(created.status())
                    .as("a sign-up through the balancer: %s", created)
                    .isEqualTo(201);
            var read = site.get("http://snapshots.test" + created.header("Location"));
            assertThat(read.status()).as("the Location it returned: %s", read).isEqualTo(200);
            assertThat(read.servedBy())
                    .as("the client only ever talked to the balancer")
                    .isEqualTo(topology.loadBalancer().address());
            var page = site.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + topology.loadBalancer().address().getPort() + "/")),
                    "GET /");
            assertThat(page.status())
                    .as("the home page through the balancer: %s", page)
                    .isEqualTo(200);
        }
    }

    @Test
    void headers_about_one_hop_stop_at_the_balancer() {
        SEEN.clear();
        client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/echo/hop"))
                        .header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
                        .header("Keep-Alive", "timeout=5")
                        .header("X-Custom", "end-to-end"),
                "GET /echo/hop with hop-by-hop headers");

        assertThat(SEEN.get("custom"))
                .as("an end-to-end header is passed on: %s", SEEN)
                .isEqualTo(List.of("end-to-end"));
        assertThat(SEEN)
                .as("Proxy-Authorization and Keep-Alive are for the balancer alone (HOP_BY_HOP)")
                .containsEntry("proxyAuthorization", "null")
                .containsEntry("keepAlive", "null");
    }
}
