package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.dns.DnsRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's console, in a real (headless) browser: the page draws the primary and its replicas, a
 * click kills the primary, and the picture shows it dead and a replica promoted in its place (the
 * failover of exercise 4.4), taking the writes that follow; nobody without the run's token sees or
 * does anything. Provided code: it passes on the starter too, where no replica takes over (the
 * failover is an exercise): there it starts the primary again and stops short of the failover.
 */
@DisplayName("The demo's console: the replicated system drawn live, a failover a click away")
@Order(2) // early in the run: it mostly waits for the page's once-a-second looks (junit-platform.properties)
class ConsoleTest {

    /**
     * How long the page may take to show a change: it asks every second, but a headless browser's
     * script runs slowly on a loaded machine, and only the change matters here, not its speed.
     */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DnsRegistry DNS = new DnsRegistry();

    private static Topology topology;
    private static Traffic traffic;
    private static ConsoleServer console;

    @BeforeAll
    static void start() {
        try {
            topology = TestTopology.builder(DNS)
                    .webServers(2)
                    .loadBalancer()
                    .replicas(2)
                    .start();
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the site needs " + unfinished.getMessage());
        }
        traffic = new Traffic(URI.create(
                "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + "/api/users/1"));
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
    void a_click_kills_the_primary_and_the_picture_shows_it_dead_and_a_replica_promoted() throws Exception {
        ReplicationCluster cluster = topology.data().cluster();
        DbNode old = cluster.primary();
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage(console.address());
            await("the console draws db-1 as the primary, db-2 and db-3, and a button that kills the primary")
                    .atMost(PAGE_WAIT)
                    .until(() -> "primary".equals(state(page, "db-1"))
                            && state(page, "db-2") != null
                            && state(page, "db-3") != null
                            && element(page, "fault-kill-primary") != null);

            ((HtmlElement) element(page, "fault-kill-primary")).click();

            await("the console draws db-1 dead after 'kill the primary' was clicked")
                    .atMost(PAGE_WAIT)
                    .until(() -> "dead".equals(state(page, "db-1")));
            assertThat(old.server().isRunning())
                    .as("db-1's server after a click on 'kill the primary'")
                    .isFalse();
            await("the console's timeline names the kill")
                    .atMost(PAGE_WAIT)
                    .until(() -> element(page, "timeline").getTextContent().contains("db-1, killed"));

            await("a replica takes over from db-1, or the failover waits for an exercise")
                    .atMost(PAGE_WAIT)
                    .until(() ->
                            cluster.primary() != old || cluster.unfinished().isPresent());
            if (cluster.primary() == old) {
                Optional<UnsupportedOperationException> todo = cluster.unfinished();
                // The starter: no failover yet. Start db-1 again from the console, so the others find it whole.
                await("the console shows a button that restarts db-1, still the primary")
                        .atMost(PAGE_WAIT)
                        .until(() -> element(page, "fault-restart-db-1") != null);
                ((HtmlElement) element(page, "fault-restart-db-1")).click();
                await("the console draws db-1 the primary again after 'restart db-1'")
                        .atMost(PAGE_WAIT)
                        .until(() -> "primary".equals(state(page, "db-1")));
                Assumptions.abort(
                        "the failover needs " + todo.map(Throwable::getMessage).orElse("an exercise"));
            }

            DbNode promoted = cluster.primary();
            await("the console draws " + promoted.name() + " as the new primary")
                    .atMost(PAGE_WAIT)
                    .until(() -> "primary".equals(state(page, promoted.name())));
            // Read once it is drawn: the page may be in the middle of a redraw, where a figure reads -1.
            long before = await("the console draws " + promoted.name() + "'s log position")
                    .atMost(PAGE_WAIT)
                    .until(() -> figure(page, promoted.name(), "log-position"), position -> position >= 0);
            var signUp = Nodes.signUp(new SiteClient(DNS), "after-the-failover@example.com");
            assertThat(signUp.status())
                    .as("a sign-up after the failover to %s: %s", promoted.name(), signUp)
                    .isEqualTo(201);
            await(promoted.name() + "'s log position on the console, which was " + before + ", after a sign-up")
                    .atMost(PAGE_WAIT)
                    .until(() -> figure(page, promoted.name(), "log-position") >= before + 1);
            await("the console's kill button names the new primary")
                    .atMost(PAGE_WAIT)
                    .until(() -> element(page, "fault-kill-primary") != null
                            && element(page, "fault-kill-primary")
                                    .getTextContent()
                                    .contains(promoted.name()));
        }
    }

    @Test
    @Timeout(30)
    void without_the_token_the_page_its_state_and_its_faults_answer_401() throws Exception {
        List<Boolean> running = databasesRunning();
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
            HttpRequest.newBuilder(URI.create(base + "/faults/kill-primary"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
            HttpRequest.newBuilder(URI.create(base + "/faults/kill-web-2"))
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
        assertThat(databasesRunning())
                .as("db-1, db-2 and db-3 running, after faults asked without the token")
                .isEqualTo(running);
        assertThat(topology.web().servers())
                .as("web servers after faults asked without the token")
                .hasSize(2);
    }

    @Test
    @Timeout(30)
    void bad_fault_requests_get_a_4xx_json_error() throws Exception {
        List<Boolean> running = databasesRunning();
        String base = "http://127.0.0.1:" + console.socketAddress().getPort() + ConsoleServer.PATH;
        record Case(String method, String path, int status) {}
        for (Case c : new Case[] {
            new Case("POST", "/faults/no-such-fault", 404),
            new Case("POST", "/faults/KILL!primary", 400),
            new Case("POST", "/faults/" + "x".repeat(300), 400),
            new Case("POST", "/faults/restart-web-2", 404), // web-2 runs: it has a kill button, not a restart
            new Case("POST", "/faults/restart-db-3", 404), // db-3 runs, replica or primary
            new Case("GET", "/faults/kill-primary", 404),
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
        assertThat(databasesRunning())
                .as("db-1, db-2 and db-3 running, after bad fault requests")
                .isEqualTo(running);
        assertThat(topology.web().servers())
                .as("web servers after bad fault requests")
                .hasSize(2);
    }

    private static List<Boolean> databasesRunning() {
        return List.of("db-1", "db-2", "db-3").stream()
                .map(name -> topology.data().cluster().node(name).server().isRunning())
                .toList();
    }

    private static String state(HtmlPage page, String box) {
        DomElement element = element(page, "box-" + box);
        return element == null ? null : element.getAttribute("data-state");
    }

    /** A number the console shows on a box; -1 while it shows none (or "?"). */
    private static long figure(HtmlPage page, String box, String name) {
        DomElement figure = element(page, "figure-" + box + "-" + name);
        if (figure == null) {
            return -1;
        }
        String value = figure.getAttribute("data-value");
        return value.matches("\\d+") ? Long.parseLong(value) : -1;
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
