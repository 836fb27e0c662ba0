package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.AssetFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 6.2: assets are linked under names that hold a hash of their content. */
@DisplayName("Carried from step 06 · Fingerprinted assets: the content's hash in the name, a new name for new content")
class FingerprintTest {

    /** Threads of the tests that call the class from many threads at once. */
    private static final int THREADS = 8;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"/assets/([^\"]+)\"");
    private static Topology topology;
    private static SiteClient client;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(2).loadBalancer().start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static List<String> linkedAssets() {
        SiteClient.Response page = client.get("http://snapshots.test/");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Matcher m = LINKED.matcher(page.body());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(client.resolve("http://snapshots.test" + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = FingerprintTest.class.getResourceAsStream("/public/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_page_links_every_asset_by_a_name_with_a_hex_hash_before_its_extension() {
        List<String> linked = linkedAssets();

        assertThat(linked).as("the assets the page links").hasSize(3);
        assertThat(linked).as("the CSS the page links").anyMatch(n -> n.matches("app\\.[0-9a-f]{8,}\\.css"));
        assertThat(linked).as("the JavaScript the page links").anyMatch(n -> n.matches("app\\.[0-9a-f]{8,}\\.js"));
        assertThat(linked).as("the logo the page links").anyMatch(n -> n.matches("logo\\.[0-9a-f]{8,}\\.png"));
    }

    @Test
    void a_fingerprinted_name_serves_the_files_bytes_with_its_content_type() {
        for (String name : linkedAssets()) {
            assertThat(name).as("an asset name the page links").matches("[a-z]+\\.[0-9a-f]{8,}\\.[a-z]+");
            String plain = name.replaceAll("\\.[0-9a-f]{8,}\\.", ".");
            SiteClient.Response response = client.get("http://snapshots.test/assets/" + name);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            String type = plain.endsWith(".css") ? "text/css" : plain.endsWith(".js") ? "javascript" : "image/png";
            assertThat(response.header("Content-Type"))
                    .as("content type of %s", response)
                    .contains(type);
            assertThat(bytes("/assets/" + name))
                    .as("/assets/%s holds the bytes of %s", name, plain)
                    .isEqualTo(resource(plain));
        }
    }

    @Test
    void the_name_depends_on_every_byte_of_the_content_and_on_nothing_else() {
        byte[] css = "body { color: teal; }\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] lastChanged = css.clone();
        lastChanged[lastChanged.length - 2] = '!';
        byte[] firstChanged = css.clone();
        firstChanged[0] = 'B';

        String name = AssetFingerprint.name("app.css", css);
        assertThat(name).as("the name of app.css").matches("app\\.[0-9a-f]{8,}\\.css");
        assertThat(AssetFingerprint.name("app.css", css.clone()))
                .as("the same content, again (another server, another day)")
                .isEqualTo(name);
        assertThat(List.of(
                        AssetFingerprint.name("app.css", lastChanged), AssetFingerprint.name("app.css", firstChanged)))
                .as("names of app.css with a byte near its end, then its first byte changed (%s)", name)
                .doesNotContain(name);
        assertThat(AssetFingerprint.name("logo.png", resource("logo.png")))
                .as("the name of logo.png")
                .matches("logo\\.[0-9a-f]{8,}\\.png");
    }

    @Test
    void a_release_links_a_new_name_while_the_old_name_keeps_its_old_content() {
        List<String> before = linkedAssets();
        String oldCss =
                before.stream().filter(n -> n.endsWith(".css")).findFirst().orElseThrow();
        byte[] oldBytes = bytes("/assets/" + oldCss);
        byte[] newBytes = (new String(oldBytes, StandardCharsets.UTF_8) + "\nh1 { color: crimson; }\n")
                .getBytes(StandardCharsets.UTF_8);

        topology.releaseAsset("app.css", newBytes);
        try {
            String newCss = linkedAssets().stream()
                    .filter(n -> n.endsWith(".css"))
                    .findFirst()
                    .orElseThrow();

            assertThat(newCss)
                    .as("the CSS the page links after a release that changed it")
                    .isNotEqualTo(oldCss);
            assertThat(bytes("/assets/" + newCss))
                    .as("the new name serves the new CSS")
                    .isEqualTo(newBytes);
            assertThat(bytes("/assets/" + oldCss))
                    .as("the old name still serves the old CSS (pages rendered before the release link it)")
                    .isEqualTo(oldBytes);
        } finally {
            // Roll the release back: the other tests of this class expect the build's own files.
            topology.releaseAsset("app.css", resource("app.css"));
        }
    }

    @Test
    void the_name_is_the_same_when_many_threads_ask_at_once() throws InterruptedException {
        List<byte[]> contents = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            byte[] content = ("/* version " + t + " */\n" + "body { color: teal; }\n".repeat(1_500))
                    .getBytes(StandardCharsets.UTF_8);
            contents.add(content);
            alone.add(AssetFingerprint.name("app.css", content));
        }
        assertThat(alone)
                .as("names of %d versions of app.css, given alone", THREADS)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("app\\.[0-9a-f]{8,}\\.css"));
        List<String> wrong = atOnce(50, (thread, round) -> {
            String name = AssetFingerprint.name("app.css", contents.get(thread));
            return name.equals(alone.get(thread))
                    ? null
                    : "version " + thread + ": " + name + " instead of " + alone.get(thread);
        });
        assertThat(wrong.size())
                .as(
                        "names that %d threads gave at once (as web servers starting together do), each for its"
                                + " own content 50 times, that differ from the name given alone; the first: %s",
                        THREADS, wrong.stream().limit(3).toList())
                .isZero();
    }

    @Test
    void a_file_without_an_extension_gets_the_fingerprint_at_the_end() {
        String name = AssetFingerprint.name("LICENSE", "MIT License\n".getBytes(StandardCharsets.UTF_8));

        assertThat(name).as("the name of a file without an extension, LICENSE").matches("LICENSE\\.[0-9a-f]{8,}");
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
