package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.OriginCachePolicy;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 6.1: every answer of the origin says who may keep it and for how long, and names its version. */
@DisplayName(
        "Carried from step 06 · The origin's Cache-Control and ETag: immutable assets, revalidated pages, private API answers")
class OriginCachePolicyTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(3).loadBalancer().start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    /** The directives of a Cache-Control header, lower case, without spaces. */
    private static Set<String> directives(SiteClient.Response response) {
        String header = response.header("Cache-Control");
        assertThat(header).as("Cache-Control of %s", response).isNotNull();
        return Arrays.stream(header.toLowerCase(Locale.ROOT).split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
    }

    private static SiteClient.Response getFrom(WebServer server, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.GET(), "GET " + path + " on " + server.name());
    }

    private static byte[] resource(String file) {
        try (InputStream in = OriginCachePolicyTest.class.getResourceAsStream("/public/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_page_is_kept_but_revalidated_before_every_use() {
        SiteClient.Response page = client.get("http://snapshots.test/");

        assertThat(directives(page))
                .as("the page's Cache-Control: %s", page.header("Cache-Control"))
                .contains("no-cache")
                .doesNotContain("no-store", "immutable", "public");
    }

    @Test
    void the_page_has_a_strong_etag_and_an_unchanged_page_is_a_304_without_a_body() {
        WebServer web = topology.webServers().get(0);
        SiteClient.Response page = getFrom(web, "/");
        String etag = page.header("ETag");
        SiteClient.Response again = getFrom(web, "/", "If-None-Match", etag == null ? "\"none\"" : etag);

        assertThat(etag).as("the page's ETag: %s", page).isNotNull().matches("\"[^\"]+\"");
        assertThat(again.status())
                .as("the same page asked for with If-None-Match %s: %s", etag, again)
                .isEqualTo(304);
        assertThat(again.body()).as("a 304 has no body").isEmpty();
    }

    @Test
    void a_changed_page_has_another_etag() {
        WebServer web = topology.webServers().get(1);
        String before = getFrom(web, "/").header("ETag");
        Nodes.signUp(client, "etag-" + System.nanoTime() + "@example.com");
        SiteClient.Response changed = getFrom(web, "/", "If-None-Match", before == null ? "\"none\"" : before);

        assertThat(changed.status())
                .as("the page after a sign-up (one more user shown), asked for with the old ETag: %s", changed)
                .isEqualTo(200);
        assertThat(changed.header("ETag")).as("%s", changed).isNotNull().isNotEqualTo(before);
    }

    @Test
    void every_web_server_gives_an_asset_the_same_etag_and_each_asset_its_own() {
        List<String> cssTags = topology.webServers().stream()
                .map(web -> getFrom(web, "/assets/app.css").header("ETag"))
                .toList();
        String jsTag = getFrom(topology.webServers().get(0), "/assets/app.js").header("ETag");

        assertThat(cssTags)
                .as("ETags of /assets/app.css on web-1, web-2, web-3 (one file, one version)")
                .doesNotContainNull()
                .containsOnly(cssTags.get(0));
        assertThat(cssTags.get(0)).as("a strong ETag").matches("\"[^\"]+\"");
        assertThat(cssTags.get(0))
                .as("the ETag of app.css, beside the one its bytes give, read anew from the build")
                .isEqualTo(OriginCachePolicy.etag(resource("app.css")));
        assertThat(jsTag)
                .as("app.js's ETag, beside app.css's %s", cssTags.get(0))
                .isNotEqualTo(cssTags.get(0));
    }

    @Test
    void an_asset_under_its_plain_name_is_revalidated_like_the_page() {
        SiteClient.Response css = client.get("http://snapshots.test/assets/app.css");

        assertThat(directives(css))
                .as("/assets/app.css can change under this name: %s", css.header("Cache-Control"))
                .contains("no-cache")
                .doesNotContain("immutable", "no-store");
    }

    @Test
    void a_fingerprinted_asset_is_kept_by_everyone_for_a_year() {
        String policy = OriginCachePolicy.cacheControl("/assets/app.0123456789abcdef.css", true, false);

        assertThat(policy).as("Cache-Control of a fingerprinted asset").isNotNull();
        assertThat(Set.of(policy.replace(" ", "").split(",")))
                .as("Cache-Control of a fingerprinted asset: %s", policy)
                .contains("public", "max-age=31536000", "immutable")
                .doesNotContain("no-cache", "no-store", "private");
    }

    @Test
    void api_answers_and_answers_that_set_a_cookie_are_kept_nowhere() {
        String email = "private-" + System.nanoTime() + "@example.com";
        SiteClient.Response signUp = Nodes.signUp(client, email);
        SiteClient.Response login = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email));
        SiteClient.Response me = client.get("http://snapshots.test/api/me");
        SiteClient.Response user = client.get("http://snapshots.test/api/users/1");

        for (SiteClient.Response answer : List.of(signUp, login, me, user)) {
            assertThat(directives(answer))
                    .as("Cache-Control of %s", answer)
                    .contains("private", "no-store")
                    .doesNotContain("public", "immutable");
        }
        assertThat(OriginCachePolicy.cacheControl("/", false, true))
                .as("Cache-Control of the page when it sets a cookie")
                .contains("no-store")
                .contains("private");
    }

    @Test
    void the_etag_is_made_from_every_byte_of_the_body() {
        byte[] body = "body { color: teal; }".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] lastByteChanged = body.clone();
        lastByteChanged[lastByteChanged.length - 1] = '!';
        byte[] firstByteChanged = body.clone();
        firstByteChanged[0] = 'B';

        String etag = OriginCachePolicy.etag(body);
        assertThat(etag).as("ETag of a body").isNotNull().matches("\"[^\"]+\"");
        assertThat(OriginCachePolicy.etag(body.clone()))
                .as("ETag of the same bytes again")
                .isEqualTo(etag);
        assertThat(List.of(OriginCachePolicy.etag(lastByteChanged), OriginCachePolicy.etag(firstByteChanged)))
                .as("ETags of the body with its last byte, then its first byte changed (%s)", etag)
                .doesNotContain(etag);
    }
}
