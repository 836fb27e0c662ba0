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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 6.1: every answer of the origin says who may keep it and for how long, and names its version. */
@DisplayName(
        "Carried from step 06 · The origin's Cache-Control and ETag: immutable assets, revalidated pages, private API answers")
class OriginCachePolicyTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

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
        WebServer web = topology.web().servers().get(0);
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
        WebServer web = topology.web().servers().get(1);
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
        List<String> cssTags = topology.web().servers().stream()
                .map(web -> getFrom(web, "/assets/app.css").header("ETag"))
                .toList();
        String jsTag =
                getFrom(topology.web().servers().get(0), "/assets/app.js").header("ETag");

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

    /**
     * Two versions of one file that a 32-bit hash cannot tell apart: the same tag would make the
     * second version's revalidation a 304, and every cache would keep serving the first. Each pair
     * collides under a hash a learner reaches for ({@code String.hashCode} and
     * {@code Arrays.hashCode}, {@code CRC32}, {@code Adler32}, a digest of the bytes decoded as
     * text); a real digest tells them apart. The test checks that each pair does collide.
     */
    @Test
    void two_versions_that_a_32_bit_hash_confuses_get_different_strong_etags() {
        Map<String, List<byte[]>> pairs = new LinkedHashMap<>();
        pairs.put(
                "String.hashCode and Arrays.hashCode (\"Aa\" for \"BB\")",
                List.of(utf8("body { color: teal; } /* Aa */"), utf8("body { color: teal; } /* BB */")));
        pairs.put(
                "CRC32",
                List.of(
                        utf8("/* release 8755d764 */ body { color: teal; }\n"),
                        utf8("/* release 4170cb18 */ body { color: teal; }\n")));
        pairs.put(
                "Adler32",
                List.of(
                        utf8("/* release c2c5802e */ body { color: teal; }\n"),
                        utf8("/* release 4c2c6c25 */ body { color: teal; }\n")));
        byte[] png = resource("logo.png");
        byte[] pngFe = png.clone();
        byte[] pngFf = png.clone();
        pngFe[pngFe.length / 2] = (byte) 0xFE; // neither byte is valid UTF-8: both decode to U+FFFD
        pngFf[pngFf.length / 2] = (byte) 0xFF;
        pairs.put("the bytes decoded as UTF-8 text (one image byte 0xFE, then 0xFF)", List.of(pngFe, pngFf));

        byte[][] hashCodePair = pairs.get("String.hashCode and Arrays.hashCode (\"Aa\" for \"BB\")")
                .toArray(byte[][]::new);
        byte[][] crcPair = pairs.get("CRC32").toArray(byte[][]::new);
        byte[][] adlerPair = pairs.get("Adler32").toArray(byte[][]::new);
        assertThat(List.of(
                        (long) Arrays.hashCode(hashCodePair[0]) - Arrays.hashCode(hashCodePair[1]),
                        checksum(new CRC32(), crcPair[0]) - checksum(new CRC32(), crcPair[1]),
                        checksum(new Adler32(), adlerPair[0]) - checksum(new Adler32(), adlerPair[1])))
                .as("(the test's own data): each pair collides under its 32-bit hash")
                .containsOnly(0L);

        Map<String, String> observed = new LinkedHashMap<>();
        List<String> confused = new ArrayList<>();
        for (Map.Entry<String, List<byte[]>> pair : pairs.entrySet()) {
            String first = OriginCachePolicy.etag(pair.getValue().get(0));
            String second = OriginCachePolicy.etag(pair.getValue().get(1));
            observed.put(pair.getKey(), first + " / " + second);
            if (first == null || first.equals(second)) {
                confused.add(pair.getKey());
            }
        }
        assertThat(confused)
                .as(
                        "versions of one file whose ETags are the same although their bytes differ (a"
                                + " revalidation of the new version would get a 304, and caches would keep the old"
                                + " one); the tags observed: %s",
                        observed)
                .isEmpty();

        String tag = OriginCachePolicy.etag(png);
        assertThat(tag).as("ETag of logo.png").isNotNull().matches("\"[^\"]+\"");
        assertThat(digestBits(tag.substring(1, tag.length() - 1)))
                .as(
                        "bits of digest in the strong ETag %s (hex digits count 4 bits, Base64 characters 6):"
                                + " at least 128, so that no two versions of a file ever share one",
                        tag)
                .isGreaterThanOrEqualTo(128);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long checksum(Checksum checksum, byte[] bytes) {
        checksum.update(bytes, 0, bytes.length);
        return checksum.getValue();
    }

    /** Bits a tag's opaque part can hold: 4 per hex digit, 6 per Base64 character, 8 per other character. */
    private static int digestBits(String opaque) {
        if (opaque.matches("[0-9a-fA-F]+")) {
            return 4 * opaque.length();
        }
        if (opaque.matches("[A-Za-z0-9+/_-]+=*")) {
            return 6 * opaque.replace("=", "").length();
        }
        return 8 * opaque.length();
    }

    @Test
    void the_etag_is_the_same_when_many_threads_ask_at_once() throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            byte[] body = ("/* file " + t + " */\n" + "body { color: teal; }\n".repeat(1_500))
                    .getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
            alone.add(OriginCachePolicy.etag(body));
        }
        List<String> wrong = atOnce(50, (thread, round) -> {
            String tag = OriginCachePolicy.etag(bodies.get(thread));
            return tag != null && tag.equals(alone.get(thread))
                    ? null
                    : "body " + thread + ": " + tag + " instead of " + alone.get(thread);
        });
        assertThat(wrong.size())
                .as(
                        "ETags that %d threads computed at once (as the web servers do), each of its own body"
                                + " 50 times, that differ from the tag of that body computed alone; the first: %s",
                        THREADS, wrong.stream().limit(3).toList())
                .isZero();
    }

    /**
     * Runs {@code task(thread, round)} on {@value #THREADS} threads released together, {@code rounds}
     * times each; returns what the tasks reported wrong (null: nothing), exceptions included.
     */
    private static List<String> atOnce(int rounds, BiFunction<Integer, Integer, String> task)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        try {
                            String problem = task.apply(thread, round);
                            if (problem != null) {
                                wrong.add(problem);
                            }
                        } catch (RuntimeException e) {
                            wrong.add(e.toString());
                        }
                    }
                    return wrong;
                }));
            }
            go.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                try {
                    wrong.addAll(result.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    wrong.add(e.toString());
                }
            }
            return wrong;
        } finally {
            pool.shutdownNow();
        }
    }
}
