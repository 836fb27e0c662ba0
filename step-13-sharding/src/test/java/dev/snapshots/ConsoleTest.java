package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.sharding.ShardedUserRepository;
import dev.snapshots.sharding.ShardingTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's console, in a real (headless) browser: the page draws the four shards holding the
 * users between them, a click adds a fifth while the site runs and the picture shows it holding the
 * users that moved (none lost, none on two shards), and nobody without the run's token sees or does
 * anything. Provided code: shards need exercises 13.1 and 13.2, and a shard is added by 13.3, so
 * until they are done the test has nothing to draw and is skipped; it never fails on the starter.
 */
@DisplayName("The demo's console: the shards drawn live, a fifth added with a click")
class ConsoleTest {

    /**
     * How long the page may take to show a change: it asks every second, but a headless browser's
     * script runs slowly on a loaded machine, and only the change matters here, not its speed.
     */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static final int USERS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Topology topology;
    private static Traffic traffic;
    private static ConsoleServer console;
    private static final List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void start() {
        try {
            topology = TestTopology.builder(new DnsRegistry())
                    .webServers(1)
                    .loadBalancer()
                    .shards(4)
                    .start();
            ShardedUserRepository users = topology.tier(ShardingTier.class).users();
            for (int i = 0; i < USERS; i++) {
                ids.add(users.save("U" + i, "console-" + i + "@example.com", "hash")
                        .id());
            }
        } catch (UnsupportedOperationException unfinished) {
            // Shards cannot start, or take a user, before these exercises are done: nothing to draw yet.
            Assumptions.abort("the shards need " + unfinished.getMessage());
        }
        traffic = new Traffic(URI.create(
                "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + "/api/users?limit=5"));
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
    void a_click_adds_shard_5_and_the_picture_shows_it_holding_the_users_that_moved() throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage(console.address());
            await("the console draws shard-1 to shard-4 up, holding the " + USERS
                            + " users between them, and a button that adds a shard")
                    .atMost(PAGE_WAIT)
                    .until(() -> "up".equals(state(page, "shard-1"))
                            && "up".equals(state(page, "shard-2"))
                            && "up".equals(state(page, "shard-3"))
                            && "up".equals(state(page, "shard-4"))
                            && users(page, 4) == USERS
                            && shown(page, "fault-add-shard") != null);

            ((HtmlElement) shown(page, "fault-add-shard")).click();

            await("the console draws shard-5 holding users after 'add a shard' (or the page says which exercise"
                            + " it needs)")
                    .atMost(PAGE_WAIT)
                    .until(() ->
                            figure(page, "shard-5", "users") > 0 || status(page).contains("TODO 13."));
            if (status(page).contains("TODO 13.")) {
                Assumptions.abort("adding a shard needs " + status(page));
            }
            try {
                await().atMost(PAGE_WAIT).until(() -> users(page, 5) == USERS && "up".equals(state(page, "shard-5")));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "every one of the " + USERS + " users on exactly one of the five shards, once"
                                + " the old copies are deleted, and shard-5 up; the page shows " + shards(page, 5),
                        e);
            }
            long moved = drawn(page, "shard-5", "users");
            assertThat(moved)
                    .as("users on shard-5 after it joined four shards holding %d", USERS)
                    .isBetween(1L, (long) USERS - 1);
            await("the console's timeline names the new shard")
                    .atMost(PAGE_WAIT)
                    .until(() ->
                            page.getElementById("timeline").getTextContent().contains("shard-5 added"));

            long readsBefore = drawn(page, "shard-5", "reads");
            ShardedUserRepository users = topology.tier(ShardingTier.class).users();
            for (long id : ids) {
                assertThat(users.findById(id)).as("user %d after the move", id).isPresent();
            }
            await("shard-5's reads on the console, which were " + readsBefore + ", after reading the " + moved
                            + " users it now holds")
                    .atMost(PAGE_WAIT)
                    .until(() -> figure(page, "shard-5", "reads") >= readsBefore + moved);
        }
    }

    @Test
    @Timeout(30)
    void without_the_token_the_page_its_state_and_its_faults_answer_401() throws Exception {
        int shards = topology.tier(ShardingTier.class).shards().size();
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
            HttpRequest.newBuilder(URI.create(base + "/faults/add-shard"))
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
        assertThat(topology.tier(ShardingTier.class).shards())
                .as("shards after a fault asked without the token")
                .hasSize(shards);
    }

    @Test
    @Timeout(30)
    void bad_fault_requests_get_a_4xx_json_error() throws Exception {
        int shards = topology.tier(ShardingTier.class).shards().size();
        String base = "http://127.0.0.1:" + console.socketAddress().getPort() + ConsoleServer.PATH;
        record Case(String method, String path, int status) {}
        for (Case c : new Case[] {
            new Case("POST", "/faults/no-such-fault", 404),
            new Case("POST", "/faults/ADD!shard", 400),
            new Case("POST", "/faults/" + "x".repeat(300), 400),
            new Case("POST", "/faults/restart-web-1", 404), // web-1 runs: it has a kill button, not a restart
            new Case("GET", "/faults/add-shard", 404),
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
        assertThat(topology.tier(ShardingTier.class).shards())
                .as("shards after bad fault requests")
                .hasSize(shards);
        assertThat(topology.web().servers())
                .as("web servers after bad fault requests")
                .hasSize(1);
    }

    /**
     * The element with this id as the page shows it now, found by walking the document rather than
     * through HtmlUnit's index of ids: the page redraws its picture every second on a thread of its
     * own, and the index, read meanwhile, can go on answering with an element the page has since
     * removed, whose stale value would hold a wait until it times out. A walk that meets the page in
     * the middle of a redraw finds nothing, and the wait asks again.
     */
    private static DomElement shown(HtmlPage page, String id) {
        try {
            return page.getFirstByXPath("//*[@id='" + id + "']");
        } catch (RuntimeException midRedraw) {
            return null;
        }
    }

    private static String state(HtmlPage page, String box) {
        DomElement element = shown(page, "box-" + box);
        return element == null ? null : element.getAttribute("data-state");
    }

    /** A box's figure as the page shows it, -1 while it is not drawn (or not a number). */
    private static long figure(HtmlPage page, String box, String name) {
        DomElement figure = shown(page, "figure-" + box + "-" + name);
        if (figure == null) {
            return -1;
        }
        try {
            return Long.parseLong(figure.getAttribute("data-value"));
        } catch (NumberFormatException notYet) {
            return -1;
        }
    }

    /**
     * A box's figure once the page shows it: read between two waits, the page may be in the middle
     * of a redraw (-1 from {@link #figure}), so this waits for the figure to be drawn again.
     */
    private static long drawn(HtmlPage page, String box, String name) {
        return await("the console draws " + box + "'s " + name)
                .atMost(PAGE_WAIT)
                .until(() -> figure(page, box, name), value -> value >= 0);
    }

    /** The users on shard-1 to shard-{@code count} together, as the page shows them; -1 while one is missing. */
    private static long users(HtmlPage page, int count) {
        long sum = 0;
        for (int i = 1; i <= count; i++) {
            long users = figure(page, "shard-" + i, "users");
            if (users < 0) {
                return -1;
            }
            sum += users;
        }
        return sum;
    }

    /** What the page shows of shard-1 to shard-{@code count}, and its status line: for a failure's message. */
    private static String shards(HtmlPage page, int count) {
        StringBuilder shown = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String shard = "shard-" + i;
            shown.append(shard)
                    .append(' ')
                    .append(state(page, shard))
                    .append(" with ")
                    .append(figure(page, shard, "users"))
                    .append(" users, ");
        }
        return shown.append("after ")
                .append(page.getBody().getAttribute("data-looks"))
                .append(" looks; status: ")
                .append(status(page))
                .toString();
    }

    private static String status(HtmlPage page) {
        DomElement status = page.getElementById("status");
        return status == null ? "" : status.getTextContent();
    }
}
