package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's console, in a real (headless) browser: the page draws the step's boxes, a click kills
 * a web server and the picture shows it dead while the others count on, and nobody without the
 * run's token sees or does anything. Provided code: it passes on the starter too.
 */
@DisplayName("The demo's console: the system drawn live, a fault a click away")
class ConsoleTest {

    /**
     * How long the page may take to show a change: it asks every second, but a headless browser's
     * script runs slowly on a loaded machine, and only the change matters here, not its speed.
     */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Topology topology;
    private static Traffic traffic;
    private static ConsoleServer console;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer()
                .start();
        traffic = new Traffic(URI.create(
                "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + "/"));
        console = new ConsoleServer(new TopologyView(topology, traffic)).start(0);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (traffic != null) {
            traffic.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    @Timeout(150)
    void a_click_kills_web_2_and_the_picture_shows_it_dead_while_web_1_counts_on() throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage(console.address());
            await("the console draws web-1, web-2 and web-3 up, and a button that kills web-2")
                    .atMost(PAGE_WAIT)
                    .until(() -> "up".equals(state(page, "web-1"))
                            && "up".equals(state(page, "web-2"))
                            && "up".equals(state(page, "web-3"))
                            && element(page, "fault-kill-web-2") != null);

            ((HtmlElement) element(page, "fault-kill-web-2")).click();

            await("the console draws web-2 dead after its button was clicked")
                    .atMost(PAGE_WAIT)
                    .until(() -> "dead".equals(state(page, "web-2")));
            assertThat(topology.web().servers().stream().map(s -> s.name()))
                    .as("the web servers running after a click on 'kill web-2'")
                    .containsExactly("web-1", "web-3");
            long before = requests(page, "web-1");
            for (int i = 0; i < 5; i++) {
                HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + topology.web()
                                                .server("web-1")
                                                .address()
                                                .getPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            await("web-1's requests on the console, which were " + before + ", after 5 more")
                    .atMost(PAGE_WAIT)
                    .until(() -> requests(page, "web-1") >= before + 5);
            await("the console's timeline names the kill")
                    .atMost(PAGE_WAIT)
                    .until(() -> element(page, "timeline").getTextContent().contains("web-2 killed"));

            await("the console shows a button that restarts web-2")
                    .atMost(PAGE_WAIT)
                    .until(() -> element(page, "fault-restart-web-2") != null);
            ((HtmlElement) element(page, "fault-restart-web-2")).click();
            await("the console draws web-2 up again after 'restart web-2'")
                    .atMost(PAGE_WAIT)
                    .until(() -> "up".equals(state(page, "web-2")));
        }
    }

    @Test
    @Timeout(30)
    void without_the_token_the_page_its_state_and_its_faults_answer_401() throws Exception {
        String base = "http://127.0.0.1:" + console.socketAddress().getPort() + ConsoleServer.PATH;
        for (HttpRequest request : new HttpRequest[] {
            HttpRequest.newBuilder(URI.create(base)).build(),
            HttpRequest.newBuilder(URI.create(base + "?token=" + "0".repeat(64)))
                    .build(),
            HttpRequest.newBuilder(URI.create(base + "/state")).build(),
            HttpRequest.newBuilder(URI.create(base + "/state"))
                    .header(
                            "Authorization",
                            "Bearer " + console.token().replace(console.token().charAt(0), 'x'))
                    .build(),
            HttpRequest.newBuilder(URI.create(base + "/faults/kill-web-3"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build()
        }) {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode())
                    .as("%s %s without the token: %s", request.method(), request.uri(), answer.body())
                    .isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).path("error").asText())
                    .as("the 401's JSON error")
                    .isNotBlank();
        }
        assertThat(topology.web().servers())
                .as("web servers after a fault asked without the token")
                .hasSize(3);
    }

    @Test
    @Timeout(30)
    void bad_fault_requests_get_a_4xx_json_error() throws Exception {
        String base = "http://127.0.0.1:" + console.socketAddress().getPort() + ConsoleServer.PATH;
        record Case(String method, String path, int status) {}
        for (Case c : new Case[] {
            new Case("POST", "/faults/no-such-fault", 404),
            new Case("POST", "/faults/KILL!web", 400),
            new Case("POST", "/faults/" + "x".repeat(300), 400),
            new Case("POST", "/faults/restart-web-3", 404), // web-3 runs: it has a kill button, not a restart
            new Case("GET", "/faults/kill-web-3", 404),
            new Case("DELETE", "/state", 404)
        }) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + c.path()))
                            .header("Authorization", "Bearer " + console.token())
                            .method(c.method(), HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode error = JSON.readTree(answer.body());
            assertThat(answer.statusCode())
                    .as("%s %s: %s", c.method(), c.path(), answer.body())
                    .isBetween(400, 499);
            assertThat(error.path("error").asText())
                    .as("%s %s: a JSON error", c.method(), c.path())
                    .isNotBlank();
        }
        assertThat(topology.web().servers())
                .as("web servers after bad fault requests")
                .hasSize(3);
    }

    private static String state(HtmlPage page, String box) {
        DomElement element = element(page, "box-" + box);
        return element == null ? null : element.getAttribute("data-state");
    }

    private static long requests(HtmlPage page, String box) {
        DomElement figure = element(page, "figure-" + box + "-requests");
        return figure == null ? -1 : Long.parseLong(figure.getAttribute("data-value"));
    }

    /**
     * The element with this id in the page as it is now. The page redraws its picture every second
     * on the browser's script thread; an XPath walks the document as it stands, where the page's
     * index of ids, read from the test's thread meanwhile, can still hold an element just removed.
     */
    private static DomElement element(HtmlPage page, String id) {
        try {
            List<DomElement> found = page.getByXPath("//*[@id='" + id + "']");
            return found.isEmpty() ? null : found.get(0);
        } catch (RuntimeException redrawnMeanwhile) {
            return null;
        }
    }
}
