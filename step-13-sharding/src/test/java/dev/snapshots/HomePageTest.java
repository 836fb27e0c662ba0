package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.domain.UserService;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 01 (exercise 1.3): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 01 · The home page and its assets, from the same server")
class HomePageTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");
    private static InMemoryWebTier topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = InMemoryWebTier.start(DNS);
        client = new SiteClient(DNS);
        for (int i = 1; i <= 3; i++) {
            topology.repository().save("User " + i, "user" + i + "@example.com", "pbkdf2-sha256$1$AAAA$AAAA");
        }
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void the_home_page_is_HTML_naming_the_server_and_the_number_of_users() {
        SiteClient.Response page = client.get("http://snapshots.test/");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.header("Content-Type")).as("content type of %s", page).startsWith("text/html");
        assertThat(page.body())
                .as("the page names the server that rendered it: %s", page)
                .contains("<strong id=\"server\">web-1</strong>");
        assertThat(page.body())
                .as("the page shows how many users signed up (3): %s", page)
                .contains("<span id=\"user-count\">3</span>");
        assertThat(page.body()).as("every placeholder is filled in: %s", page).doesNotContain("{{");
    }

    @Test
    void the_page_is_rendered_for_each_request_with_this_servers_name_escaped() {
        UserRepository repository = new InMemoryUserRepository();
        UserService users = new UserService(repository, TestTopology.CHEAP_HASHING);
        try (WebServer other =
                new WebServer("web-<7>", users, new InMemorySessions(), new InMemorySessions()).start(0)) {
            URI home = URI.create("http://127.0.0.1:" + other.address().getPort() + "/");
            SiteClient.Response empty = client.send(HttpRequest.newBuilder(home), "GET / on web-<7>");
            repository.save("Late", "late@example.com", "pbkdf2-sha256$1$AAAA$AAAA");
            SiteClient.Response one = client.send(HttpRequest.newBuilder(home), "GET / on web-<7>, one user later");

            assertThat(empty.body())
                    .as("the server's own name, HTML-escaped: %s", empty)
                    .contains("<strong id=\"server\">web-&lt;7&gt;</strong>");
            assertThat(empty.body()).as("no users yet: %s", empty).contains("<span id=\"user-count\">0</span>");
            assertThat(one.body())
                    .as("the count is read for each request: %s", one)
                    .contains("<span id=\"user-count\">1</span>");
        }
    }

    @Test
    void every_asset_the_page_links_is_served_with_its_content_type() {
        SiteClient.Response page = client.get("http://snapshots.test/");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<String> assets = new ArrayList<>();
        Matcher m = LINKED.matcher(page.body());
        while (m.find()) {
            assets.add(m.group(1));
        }
        // Plain names until exercise 6.2 is done, fingerprinted ones (app.3f9a1c2e.css) after it.
        assertThat(assets)
                .as("the page links its CSS, JavaScript and logo")
                .anyMatch(a -> a.matches("/assets/app(\\.[0-9a-f]+)?\\.css"))
                .anyMatch(a -> a.matches("/assets/app(\\.[0-9a-f]+)?\\.js"))
                .anyMatch(a -> a.matches("/assets/logo(\\.[0-9a-f]+)?\\.png"));

        for (String asset : assets) {
            SiteClient.Response response = client.get("http://snapshots.test" + asset);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            String expectedType =
                    asset.endsWith(".css") ? "text/css" : asset.endsWith(".png") ? "image/png" : "javascript";
            assertThat(response.header("Content-Type"))
                    .as("content type of %s", response)
                    .contains(expectedType);
        }
    }

    @Test
    void the_page_its_assets_and_the_API_all_come_from_one_address() {
        SiteClient.Response page = client.get("http://snapshots.test/");
        SiteClient.Response css = client.get("http://snapshots.test/assets/app.css");
        SiteClient.Response api = client.get("http://snapshots.test/health");

        assertThat(List.of(page.status(), css.status(), api.status()))
                .as("page, asset and API all answer: %s | %s | %s", page, css, api)
                .containsOnly(200);
        assertThat(List.of(page.servedBy(), css.servedBy(), api.servedBy()))
                .as("one server, one address for everything")
                .containsOnly(topology.webServer().address());
    }

    @Test
    void a_missing_asset_is_404_not_a_server_error() {
        SiteClient.Response css = client.get("http://snapshots.test/assets/app.css");
        SiteClient.Response missing = client.get("http://snapshots.test/assets/no-such-file.css");

        assertThat(css.status()).as("the assets are served at all: %s", css).isEqualTo(200);
        assertThat(missing.status()).as("%s", missing).isEqualTo(404);
    }

    @Test
    void every_HTML_special_character_in_the_name_is_escaped() {
        String name = "web-&\"'<>";
        UserService users = new UserService(new InMemoryUserRepository(), TestTopology.CHEAP_HASHING);
        try (WebServer odd = new WebServer(name, users, new InMemorySessions(), new InMemorySessions()).start(0)) {
            URI home = URI.create("http://127.0.0.1:" + odd.address().getPort() + "/");
            String body = client.send(HttpRequest.newBuilder(home), "GET / on " + name)
                    .body();
            String open = "<strong id=\"server\">";
            int start = body.indexOf(open);
            assertThat(start).as("the page shows the server's name in %s", body).isNotNegative();
            String shown = body.substring(start + open.length(), body.indexOf("</strong>", start));

            assertThat(shown).as("the name %s as the page shows it", name).doesNotContain("<", ">", "\"", "'");
            assertThat(shown.replaceAll("&(amp|lt|gt|quot|#39|#x27|apos);", ""))
                    .as("every & in %s starts an entity (escape & first, then the others)", shown)
                    .doesNotContain("&");
            String decoded = shown.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&#x27;", "'")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&");
            assertThat(decoded).as("%s, decoded by a browser", shown).isEqualTo(name);
        }
    }
}
