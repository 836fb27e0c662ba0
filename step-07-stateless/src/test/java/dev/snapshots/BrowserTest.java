package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.cdn.EdgeServer;
import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Exercise 6.3 in the whole site, with exercises 6.1 and 6.2 done: a real headless browser
 * (HtmlUnit, which runs the page's JavaScript) loads the page from the origin and its assets from
 * the edge, and the next visitor's assets never reach the origin.
 */
@DisplayName(
        "Carried from step 06 · In a real browser: assets from the edge, the page and the API from the origin (needs 6.1 to 6.3)")
class BrowserTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final Pattern CSS =
            Pattern.compile("href=\"(http://cdn\\.snapshots\\.test:\\d+/assets/[^\"]+\\.css)\"");
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(2).loadBalancer().cdn().start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    /** One request the browser made: where to, and what came back. */
    record Fetch(String host, String path, int status, String xCache) {}

    /**
     * A visitor: a fresh browser (nothing cached) whose host names are resolved by the course DNS,
     * and which records every request it makes.
     */
    private static final class Visitor extends WebConnectionWrapper {
        final List<Fetch> fetched = new CopyOnWriteArrayList<>();

        Visitor(WebClient browser) {
            super(browser);
        }

        @Override
        public WebResponse getResponse(WebRequest request) throws IOException {
            URL asked = request.getUrl();
            InetSocketAddress address = DNS.resolve(asked.getHost());
            request.setUrl(new URL("http", address.getHostString(), address.getPort(), asked.getFile()));
            try {
                WebResponse response = super.getResponse(request);
                fetched.add(new Fetch(
                        asked.getHost(),
                        asked.getPath(),
                        response.getStatusCode(),
                        response.getResponseHeaderValue(EdgeServer.X_CACHE)));
                return response;
            } finally {
                // The browser goes on as if it had asked the name: cookies and relative URLs use it.
                request.setUrl(asked);
            }
        }

        /** Loads the home page, runs its JavaScript, and returns what the page says about the user. */
        static Visit load() throws IOException {
            try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
                browser.getOptions().setDownloadImages(true);
                browser.getOptions().setThrowExceptionOnScriptError(true);
                Visitor visitor = new Visitor(browser);
                HtmlPage page = browser.getPage("http://snapshots.test/");
                browser.waitForBackgroundJavaScript(5_000);
                // HtmlUnit reads a style sheet when a style is asked for, as a renderer would.
                page.getEnclosingWindow().getComputedStyle(page.getBody(), null);
                return new Visit(visitor.fetched, page.getElementById("whoami").getTextContent());
            }
        }
    }

    record Visit(List<Fetch> fetched, String whoAmI) {
        List<Fetch> assets() {
            return fetched.stream().filter(f -> f.path().startsWith("/assets/")).toList();
        }
    }

    @Test
    void a_browser_gets_the_page_from_the_origin_the_assets_from_the_edge_and_runs_the_script() throws IOException {
        Visit visit = Visitor.load();

        assertThat(visit.fetched())
                .as("what the browser fetched: the page from the origin")
                .anyMatch(f -> f.host().equals(Topology.SITE) && f.path().equals("/") && f.status() == 200);
        assertThat(visit.assets())
                .as("the assets the browser fetched (CSS, JavaScript, logo): %s", visit.fetched())
                .hasSize(3)
                .allMatch(f -> f.host().equals(Topology.CDN) && f.status() == 200);
        assertThat(visit.fetched())
                .as("the page's script called the API at the origin: %s", visit.fetched())
                .anyMatch(f -> f.host().equals(Topology.SITE) && f.path().equals("/api/me"));
        assertThat(visit.whoAmI()).as("what the script wrote in the page").isEqualTo("Not logged in.");
    }

    @Test
    void the_next_visitors_assets_never_reach_the_origin() throws IOException {
        Visitor.load();
        Map<String, Long> before = Servers.served(topology.web().servers());
        long edgeFetchesBefore = topology.edge().server().originRequests();

        Visit second = Visitor.load();
        Map<String, Long> served =
                Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(second.assets())
                .as("X-Cache of the second visitor's assets: %s", second.assets())
                .hasSize(3)
                .allMatch(f -> "HIT".equals(f.xCache()));
        assertThat(topology.edge().server().originRequests() - edgeFetchesBefore)
                .as("requests the edge sent the origin for the second visitor")
                .isZero();
        assertThat(served.values().stream().mapToLong(Long::longValue).sum())
                .as("requests the web servers served for the second visitor (the page and /api/me): %s", served)
                .isEqualTo(2);
    }

    @Test
    void after_a_release_the_old_url_stays_cached_and_the_new_one_is_fetched_once() {
        Matcher old = CSS.matcher(client.get("http://snapshots.test/").body());
        assertThat(old.find()).as("the page links its CSS at the edge").isTrue();
        String oldUrl = old.group(1).replaceFirst(":\\d+/", "/");
        String oldCss = client.get(oldUrl).body();

        topology.releaseAsset("app.css", (oldCss + "\nh1 { color: crimson; }\n").getBytes());
        try {
            Matcher now = CSS.matcher(client.get("http://snapshots.test/").body());
            assertThat(now.find()).as("the page links its CSS at the edge").isTrue();
            String newUrl = now.group(1).replaceFirst(":\\d+/", "/");
            SiteClient.Response oldAgain = client.get(oldUrl);
            SiteClient.Response first = client.get(newUrl);
            SiteClient.Response second = client.get(newUrl);

            assertThat(newUrl).as("the CSS URL after a release").isNotEqualTo(oldUrl);
            assertThat(oldAgain.body())
                    .as("the old URL, after the release: %s", oldAgain)
                    .isEqualTo(oldCss);
            assertThat(oldAgain.header(EdgeServer.X_CACHE)).as("%s", oldAgain).isEqualTo("HIT");
            assertThat(first.body()).as("the new URL: %s", first).endsWith("h1 { color: crimson; }\n");
            assertThat(List.of(first.header(EdgeServer.X_CACHE), second.header(EdgeServer.X_CACHE)))
                    .as("X-Cache of the new URL, asked twice")
                    .containsExactly("MISS", "HIT");
        } finally {
            topology.releaseAsset("app.css", oldCss.getBytes());
        }
    }

    @Test
    void through_the_edge_each_user_sees_only_themselves_and_nothing_of_theirs_is_stored() {
        String suffix = Long.toString(System.nanoTime());
        SiteClient ann = new SiteClient(DNS);
        SiteClient bob = new SiteClient(DNS);
        for (String name : List.of("ann", "bob")) {
            SiteClient user = name.equals("ann") ? ann : bob;
            String email = name + suffix + "@example.com";
            Nodes.signUp(user, email);
            user.postJson(
                    "http://snapshots.test/api/login",
                    "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email));
        }
        int storedBefore = topology.edge().server().storedResponses();

        SiteClient.Response annMe = ann.get("http://cdn.snapshots.test/api/me");
        SiteClient.Response bobMe = bob.get("http://cdn.snapshots.test/api/me");

        assertThat(annMe.body()).as("Ann's /api/me through the edge: %s", annMe).contains("ann" + suffix);
        assertThat(bobMe.body())
                .as("Bob's /api/me through the edge, right after Ann's: %s", bobMe)
                .contains("bob" + suffix)
                .doesNotContain("ann" + suffix);
        assertThat(topology.edge().server().storedResponses() - storedBefore)
                .as("answers the edge stored for two users' /api/me")
                .isZero();
    }
}
