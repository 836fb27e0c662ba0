package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A password guesser that talks straight to a web server, not through the balancer, and names a new
 * client address in {@code X-Forwarded-For} with every guess. On one machine every peer is on
 * loopback, so the web server cannot tell the balancer by its address; it believes the header only
 * from the balancer, which proves itself with a secret of the run. Provided: it passes on the
 * starter too, once logins can fail (before that it is skipped).
 */
@DisplayName("A forged X-Forwarded-For sent straight to a web server buys no extra guesses")
class ForgedAddressTest {

    /** The throttle's limit of failed logins per address (LoginThrottle.MAX_FAILURES_PER_ADDRESS). */
    private static final int PER_ADDRESS = 20;

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        try {
            topology = TestTopology.site(DNS);
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the site needs " + unfinished.getMessage());
        }
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void guesses_that_each_name_a_new_address_are_still_counted_against_the_sender() throws Exception {
        InetSocketAddress webServer = TestTopology.httpServers(topology).get(0);
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 1; guess <= PER_ADDRESS + 1; guess++) {
            // A new account each time, so only the count per address can stop the guesser.
            String body = "{\"email\": \"guess%d@example.com\", \"password\": \"wrong guess\"}".formatted(guess);
            RawHttp.Answer answer = RawHttp.exchange(
                    webServer,
                    "POST",
                    "/api/login",
                    "Content-Type: application/json\r\nX-Forwarded-For: 198.51.100." + guess + "\r\n",
                    body.getBytes(StandardCharsets.UTF_8));
            if (answer.status() == 501 && answer.body().contains("TODO")) {
                Assumptions.abort("logins cannot fail yet: " + answer.body());
            }
            statuses.add(answer.status());
        }

        assertThat(statuses.subList(0, PER_ADDRESS))
                .as(
                        "%d failed logins sent straight to %s, each naming a new X-Forwarded-For address: all"
                                + " refused with 401 (statuses: %s)",
                        PER_ADDRESS, webServer, statuses)
                .containsOnly(401);
        assertThat(statuses.get(PER_ADDRESS))
                .as(
                        "guess %d from the same sender with yet another forged address (statuses: %s): the header"
                                + " is believed only from the balancer, so the sender's own address is throttled",
                        PER_ADDRESS + 1, statuses)
                .isEqualTo(429);
    }
}
