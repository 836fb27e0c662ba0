package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 7.1: a session ends when it has been idle too long, use keeps it alive, and nothing keeps
 * it past its absolute lifetime. Lifetimes are short here (idle {@value #IDLE_MS} ms, absolute
 * {@value #ABSOLUTE_MS} ms) so that they pass during the test.
 */
@Tag("7.1")
@DisplayName("7.1 A session ends when idle past its timeout, lives on while used, and never past its lifetime")
class SessionLifetimeTest {

    static final long IDLE_MS = 600;
    static final long ABSOLUTE_MS = 1_800;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.withSessionTier(DNS)
                .webServers(2)
                .loadBalancer()
                .sessionLifetime(Duration.ofMillis(IDLE_MS), Duration.ofMillis(ABSOLUTE_MS))
                .start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static SiteClient loggedIn(String who) {
        SiteClient client = new SiteClient(DNS);
        SiteClient.Response login = Sessions.signUpAndLogIn(client, who + "-" + System.nanoTime() + "@example.com");
        assertThat(login.status()).as("7.1: %s", login).isEqualTo(200);
        return client;
    }

    @Test
    void an_idle_session_ends_after_the_idle_timeout() {
        SiteClient client = loggedIn("idle");
        long loggedIn = System.nanoTime();
        SiteClient.Response fresh = client.get("http://snapshots.test/api/me");
        assertThat(fresh.status())
                .as("7.1: /api/me right after the login: %s", fresh)
                .isEqualTo(200);

        await("7.1: /api/me is 401 once the session was idle past its " + IDLE_MS + " ms timeout")
                .atMost(Duration.ofMillis(IDLE_MS * 4))
                .pollDelay(Duration.ofMillis(IDLE_MS + 100))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("http://snapshots.test/api/me").status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - loggedIn).toMillis())
                .as("7.1: ms from the login to the 401")
                .isLessThan(ABSOLUTE_MS);
    }

    @Test
    void use_keeps_a_session_alive_but_never_past_its_absolute_lifetime() throws InterruptedException {
        SiteClient client = loggedIn("busy");
        long loggedIn = System.nanoTime();
        List<String> whileBusy = new ArrayList<>();
        long lastAlive = 0;
        int firstRefusal = -1;
        // A request every 100 ms, well within the idle timeout, until well past the absolute lifetime.
        for (int i = 0; i < 40 && firstRefusal < 0; i++) {
            SiteClient.Response me = client.get("http://snapshots.test/api/me");
            long at = Duration.ofNanos(System.nanoTime() - loggedIn).toMillis();
            if (me.status() == 200) {
                lastAlive = at;
            } else {
                firstRefusal = me.status();
                whileBusy.add(at + " ms: " + me.status());
            }
            Thread.sleep(100);
        }

        assertThat(lastAlive)
                .as(
                        "7.1: ms after the login that a session used every 100 ms was still alive (idle timeout %d ms;"
                                + " refused: %s)",
                        IDLE_MS, whileBusy)
                .isGreaterThanOrEqualTo(ABSOLUTE_MS - 400);
        assertThat(firstRefusal)
                .as(
                        "7.1: the answer once the absolute lifetime (%d ms) had passed, the session still in use",
                        ABSOLUTE_MS)
                .isEqualTo(401);
        assertThat(lastAlive)
                .as("7.1: no answer 200 after the absolute lifetime")
                .isLessThan(ABSOLUTE_MS);
    }
}
