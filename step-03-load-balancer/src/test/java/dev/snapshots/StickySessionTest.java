package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("3.5")
@DisplayName("3.5 Sticky sessions keep a logged-in user on the server that holds the session")
class StickySessionTest {

    private final DnsRegistry dns = new DnsRegistry();
    private Topology topology;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns).webServers(3).loadBalancer().start();
        var created = new SiteClient(dns)
                .postJson(
                        "http://snapshots.test/api/users",
                        "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
        assertThat(created.status())
                .as("set-up needs exercise 3.1: %s", created)
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private SiteClient loggedIn() {
        SiteClient client = new SiteClient(dns);
        var login = client.postJson(
                "http://snapshots.test/api/login", "{\"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
        assertThat(login.status())
                .as("3.5: logging in through the balancer: %s", login)
                .isEqualTo(200);
        return client;
    }

    @Test
    void a_logged_in_user_stays_logged_in_on_every_request() {
        SiteClient ada = loggedIn();
        for (int i = 0; i < 30; i++) {
            var me = ada.get("http://snapshots.test/api/me");
            assertThat(me.status())
                    .as(
                            "3.5: request %d after login went to a server without the session: %s (served by %s)",
                            i, me, me.header("X-Served-By"))
                    .isEqualTo(200);
        }
    }

    @Test
    void every_request_of_a_logged_in_user_lands_on_one_server() {
        SiteClient ada = loggedIn();
        var before = Servers.served(topology.web().servers());
        for (int i = 0; i < 30; i++) {
            ada.get("http://snapshots.test/api/me");
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta.values())
                .as("3.5: 30 requests of one logged-in user, per server: %s", delta)
                .containsExactlyInAnyOrder(30L, 0L, 0L);
    }

    @Test
    void the_login_answer_pins_the_client_with_an_HttpOnly_balancer_cookie() {
        SiteClient client = new SiteClient(dns);
        var login = client.postJson(
                "http://snapshots.test/api/login", "{\"email\": \"ada@example.com\", \"password\": \"correct horse\"}");

        String pin = login.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("lb_server="))
                .findFirst()
                .orElse(null);
        assertThat(pin)
                .as(
                        "3.5: a Set-Cookie lb_server=… on the login answer: %s",
                        login.headers().map())
                .isNotNull();
        assertThat(pin)
                .as("3.5: the pin names the server that holds the session")
                .startsWith("lb_server=" + login.header("X-Served-By"));
        assertThat(pin)
                .as("3.5: pin cookie flags")
                .containsIgnoringCase("HttpOnly")
                .contains("Path=/");
    }

    @Test
    void visitors_who_are_not_logged_in_are_still_spread_evenly() {
        SiteClient visitor = new SiteClient(dns);
        var before = Servers.served(topology.web().servers());
        for (int i = 0; i < 90; i++) {
            visitor.get(Servers.CHEAP);
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta)
                .as("3.5: only a session pins a client")
                .isEqualTo(Map.of("web-1", 30L, "web-2", 30L, "web-3", 30L));
    }

    @Test
    void a_client_pinned_to_a_server_that_goes_down_is_sent_elsewhere_not_to_the_dead_server() {
        SiteClient ada = loggedIn();
        String pinnedTo = ada.get("http://snapshots.test/api/me").header("X-Served-By");
        topology.loadBalancer()
                .pool()
                .markDown(topology.loadBalancer().pool().byName(pinnedTo).orElseThrow());

        var after = ada.get("http://snapshots.test/api/me");

        assertThat(after.header("X-Served-By"))
                .as("3.5: answered by a server that is up: %s", after)
                .isNotEqualTo(pinnedTo);
        assertThat(after.status())
                .as(
                        "3.5: the session lived on the server that went down, so it is gone (step 07 fixes this): %s",
                        after)
                .isEqualTo(401);
        var again = loggedIn().get("http://snapshots.test/api/me");
        assertThat(again.status())
                .as("3.5: logging in again pins to a live server: %s", again)
                .isEqualTo(200);

        // A pin to a server that is down pins nothing: the client is a visitor like any other.
        var before = Servers.served(topology.web().servers());
        for (int i = 0; i < 20; i++) {
            ada.get(Servers.CHEAP);
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        topology.web()
                .servers()
                .forEach(server -> expected.put(server.name(), server.name().equals(pinnedTo) ? 0L : 10L));
        assertThat(delta)
                .as(
                        "3.5: the next 20 requests of a client pinned to %s, which is down, spread over the live servers",
                        pinnedTo)
                .isEqualTo(expected);
    }
}
