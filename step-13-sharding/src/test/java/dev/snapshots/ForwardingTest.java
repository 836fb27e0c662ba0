package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** Hop-by-hop headers (RFC 9110 §7.6.1): each hop sets its own, they may differ. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length");

    /** The echo backend's clock, far from the balancer's: the client can tell whose Date it got. */
    private static final String BACKEND_DATE = "Mon, 01 Jan 2024 00:00:00 GMT";

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Javalin echo;
    private static LoadBalancer lb;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        echo = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.addHttpHandler(io.javalin.http.HandlerType.PUT, "/<path>", ForwardingTest::record);
                    // What this backend received, raw: the request's path, its query string, and its "a" decoded.
                    config.routes.get(
                            "/seen/<path>",
                            ctx -> ctx.result(ctx.req().getRequestURI() + "?"
                                    + ctx.req().getQueryString() + " (a=" + ctx.queryParam("a") + ")"));
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
        ctx.header("Date", BACKEND_DATE);
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
    void the_client_gets_the_backends_own_headers_with_one_Content_Type_and_one_Date() {
        for (String path : List.of("/echo/answer", "/echo/missing")) {
            SiteClient.Response direct = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + echo.port() + path)),
                    "GET " + path + " from the backend itself");
            SiteClient.Response through = client.get("http://snapshots.test" + path);

            assertThat(through.headers("Content-Type"))
                    .as(
                            "%s: one Content-Type, the backend's; all headers: %s",
                            through, through.headers().map())
                    .isEqualTo(direct.headers("Content-Type"))
                    .hasSize(1);
            assertThat(through.headers("Date"))
                    .as(
                            "%s: one Date, the backend's (when it made the answer); all headers: %s",
                            through, through.headers().map())
                    .isEqualTo(List.of(BACKEND_DATE));
            assertThat(comparable(through))
                    .as(
                            "GET %s: the headers through the balancer (left out: hop-by-hop ones and the"
                                    + " balancer's own cookie) are the backend's own%n through the balancer: %s%n"
                                    + " from the backend:        %s",
                            path, through.headers().map(), direct.headers().map())
                    .isEqualTo(comparable(direct));
        }
    }

    @Test
    void odd_query_strings_reach_the_backend_verbatim_or_with_only_what_a_URI_refuses_encoded() {
        // The request target the client sends → what the backend receives (its path and query string, and the
        // parameter "a" it decodes). Verbatim wherever a URI may hold it; where it may not, each character a URI
        // refuses is percent-encoded (the balancer's HTTP client cannot send it as it is) and a % that starts no
        // escape becomes %25: the backend decodes what the client wrote (%zz, <script>, été), as it would have
        // from a browser, which encodes them so itself.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/seen/x?q=a%20b&x=1&x=2&r=%26%3D%2B", "/seen/x?q=a%20b&x=1&x=2&r=%26%3D%2B (a=null)");
        expected.put(
                "/seen/a%20b/%C3%A9t%C3%A9?a[]=1&b=c:d/e?f@g", "/seen/a%20b/%C3%A9t%C3%A9?a[]=1&b=c:d/e?f@g (a=null)");
        expected.put("/seen/x?a=%C3%A9t%C3%A9", "/seen/x?a=%C3%A9t%C3%A9 (a=été)");
        expected.put("/seen/x?a=été", "/seen/x?a=%C3%A9t%C3%A9 (a=été)");
        expected.put("/seen/x?a=%zz", "/seen/x?a=%25zz (a=%zz)");
        expected.put("/seen/x?a=%&b=%4", "/seen/x?a=%25&b=%254 (a=%)");
        expected.put("/seen/x?<script>", "/seen/x?%3Cscript%3E (a=null)");

        Map<String, String> seen = new LinkedHashMap<>();
        expected.keySet().forEach(target -> seen.put(target, rawGet(target)));

        assertThat(seen)
                .as("per request target a client sent, what the backend received (or the balancer's status)")
                .containsExactlyEntriesOf(expected);
    }

    /**
     * The headers to compare, names in lower case: all but hop-by-hop ones, the balancer's own cookie,
     * and (since step 10) the request id the balancer adds to every answer.
     */
    private static Map<String, List<String>> comparable(SiteClient.Response response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || lower.equals("x-request-id")) {
                return;
            }
            List<String> kept =
                    values.stream().filter(v -> !v.startsWith("lb_server=")).toList();
            if (!kept.isEmpty()) {
                headers.put(lower, kept);
            }
        });
        return headers;
    }

    /**
     * GET {@code target} from the balancer over a plain socket, its bytes as they are: the JDK's client
     * would encode or refuse some of them, as a browser does, but curl or a scanner sends them raw. The
     * body of a {@code 200}, otherwise the status and body.
     */
    private static String rawGet(String target) {
        try {
            RawHttp.Answer answer = RawHttp.exchange(lb.address(), "GET", target, "", new byte[0]);
            return answer.status() == 200 ? answer.body() : "status " + answer.status() + ": " + answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + target + " failed: " + e, e);
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
