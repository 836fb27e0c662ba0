package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.AlertRule;
import dev.snapshots.metrics.AlertRule.State;
import dev.snapshots.metrics.MetricsSettings;
import dev.snapshots.metrics.Scrape;
import dev.snapshots.metrics.Scraper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("11.5")
@DisplayName(
        "11.5 An error ratio over 5% on one server, held for its duration, fires; it clears once the window holds no more errors")
class AlertTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    /**
     * How long the system test waits for the alert to fire and to clear: room for a busy machine, where
     * fewer requests a second may leave a 1 s window with none of web-2's errors for a while.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** A target's scrapes every 10 s: {@code requests} and {@code errors} more at each (cumulative counts). */
    private static final class Target {
        private final List<Scrape> scrapes = new ArrayList<>();
        private double requests;
        private double errors;

        List<Scrape> after(int seconds, int moreRequests, int moreErrors) {
            requests += moreRequests;
            errors += moreErrors;
            scrapes.add(new Scrape(T0.plusSeconds(seconds), requests, errors));
            return List.copyOf(scrapes);
        }
    }

    @Test
    void twenty_percent_of_errors_fires_after_holding_for_thirty_seconds_and_clears_once_the_window_is_clean() {
        AlertRule rule = new AlertRule(0.05, Duration.ofSeconds(30), Duration.ofSeconds(60));
        Target web = new Target();
        List<String> states = new ArrayList<>();
        State[] expected = {
            State.INACTIVE, // t=0: one scrape, no rate yet
            State.PENDING, // t=10: 20% since t=0
            State.PENDING, // t=20
            State.PENDING, // t=30: held 20 s
            State.FIRING, // t=40: held 30 s
        };
        for (int i = 0; i < expected.length; i++) {
            State state = rule.evaluate("web-1", web.after(i * 10, 100, 20), T0.plusSeconds(i * 10));
            states.add("t=" + i * 10 + ": " + state);
            assertThat(state)
                    .as("11.5: at 20%% of errors since t=0, scraped every 10 s: %s", states)
                    .isEqualTo(expected[i]);
        }
        assertThat(rule.firing()).as("11.5: targets firing at t=40").isEqualTo(Set.of("web-1"));
        // The errors stop at t=40. Over a 60 s window the ratio falls below 5% once the window holds none.
        State at90 = null;
        for (int t = 50; t <= 110; t += 10) {
            State state = rule.evaluate("web-1", web.after(t, 100, 0), T0.plusSeconds(t));
            states.add("t=" + t + ": " + state);
            if (t == 90) {
                at90 = state;
            }
        }
        assertThat(at90)
                .as(
                        "11.5: at t=90 the window (t=30 to 90) still holds 20 errors in 600 requests: 3.3%%, below 5%%: %s",
                        states)
                .isEqualTo(State.INACTIVE);
        assertThat(rule.evaluate("web-1", web.after(120, 100, 0), T0.plusSeconds(120)))
                .as(
                        "11.5: at t=120, no errors for 80 s (the cumulative ratio would still be 100 in 1,300: 7.7%%): %s",
                        states)
                .isEqualTo(State.INACTIVE);
        assertThat(rule.firing()).as("11.5: targets firing once cleared").isEmpty();
    }

    @Test
    void a_break_in_the_condition_starts_the_wait_again() {
        AlertRule rule = new AlertRule(0.05, Duration.ofSeconds(20), Duration.ofSeconds(10));
        Target web = new Target();
        rule.evaluate("web-1", web.after(0, 100, 0), T0);
        assertThat(rule.evaluate("web-1", web.after(10, 100, 50), T0.plusSeconds(10)))
                .isEqualTo(State.PENDING);
        assertThat(rule.evaluate("web-1", web.after(20, 100, 0), T0.plusSeconds(20)))
                .as("11.5: a clean 10 s in between")
                .isEqualTo(State.INACTIVE);
        assertThat(rule.evaluate("web-1", web.after(30, 100, 50), T0.plusSeconds(30)))
                .as("11.5: errors again at t=30")
                .isEqualTo(State.PENDING);
        assertThat(rule.evaluate("web-1", web.after(40, 100, 50), T0.plusSeconds(40)))
                .as("11.5: at t=40, held 10 s since the break (not 30 s since t=10): still pending")
                .isEqualTo(State.PENDING);
        assertThat(rule.evaluate("web-1", web.after(50, 100, 50), T0.plusSeconds(50)))
                .as("11.5: at t=50, held 20 s")
                .isEqualTo(State.FIRING);
    }

    @Test
    void no_traffic_and_exactly_the_threshold_do_not_fire_and_each_target_is_judged_alone() {
        AlertRule rule = new AlertRule(0.05, Duration.ZERO, Duration.ofSeconds(60));
        Target idle = new Target();
        Target atThreshold = new Target();
        Target sick = new Target();
        Target healthy = new Target();
        for (int t = 0; t <= 30; t += 10) {
            rule.evaluate("idle", idle.after(t, 0, 0), T0.plusSeconds(t));
            rule.evaluate("at-threshold", atThreshold.after(t, 100, 5), T0.plusSeconds(t));
            rule.evaluate("sick", sick.after(t, 100, 10), T0.plusSeconds(t));
            rule.evaluate("healthy", healthy.after(t, 1_000, 0), T0.plusSeconds(t));
        }
        assertThat(rule.firing())
                .as("11.5: firing after 30 s of: no requests; exactly 5% errors; 10% errors on one server"
                        + " (1% over the whole tier, with a healthy server 10 times as busy)")
                .isEqualTo(Set.of("sick"));
    }

    @Test
    void a_target_with_no_scrape_yet_is_inactive() {
        AlertRule rule = new AlertRule(0.05, Duration.ZERO, Duration.ofSeconds(60));
        State never = rule.evaluate("never-scraped", List.of(), T0);
        State once = rule.evaluate("scraped-once", List.of(new Scrape(T0, 100, 100)), T0);
        State sick =
                rule.evaluate("sick", List.of(new Scrape(T0.minusSeconds(10), 100, 0), new Scrape(T0, 200, 50)), T0);
        assertThat(List.of(never, once, sick))
                .as("11.5: the states of a target not scraped yet (down since it was added), of one scraped once,"
                        + " and of one with 50%% of errors between two scrapes, with no hold")
                .containsExactly(State.INACTIVE, State.INACTIVE, State.FIRING);
        assertThat(rule.firing()).as("11.5: targets firing").isEqualTo(Set.of("sick"));
    }

    @Test
    void a_hold_shorter_than_a_second_still_waits() {
        for (Duration hold : List.of(Duration.ofMillis(500), Duration.ofMillis(1_500))) {
            AlertRule rule = new AlertRule(0.05, hold, Duration.ofSeconds(10));
            List<Scrape> scrapes = new ArrayList<>();
            List<String> states = new ArrayList<>();
            // Scrapes every 100 ms, 20% errors between each: active from t=100 ms, firing once held for the hold.
            for (int step = 0; step <= 20; step++) {
                long millis = step * 100L;
                scrapes.add(new Scrape(T0.plusMillis(millis), 100.0 * step, 20.0 * step));
                State state = rule.evaluate("web-1", List.copyOf(scrapes), T0.plusMillis(millis));
                states.add(millis + " ms: " + state);
                State expected =
                        step == 0 ? State.INACTIVE : millis - 100 >= hold.toMillis() ? State.FIRING : State.PENDING;
                assertThat(state)
                        .as(
                                "11.5: with a hold of %d ms, at 20%% of errors from t=0, scraped every 100 ms: %s",
                                hold.toMillis(), states)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a topology, then three waits of up to 20 s each
    void a_web_server_failing_a_fifth_of_requests_fires_its_alert_and_clears_when_well_again() {
        // A rule that never leaves INACTIVE (the starter's) is told here, at once: through the scraper
        // each wait below would run its 20 s out before saying so.
        Target probe = new Target();
        AlertRule rule = new AlertRule(0.05, Duration.ZERO, Duration.ofSeconds(60));
        rule.evaluate("web-0", probe.after(0, 100, 20), T0);
        assertThat(rule.evaluate("web-0", probe.after(10, 100, 20), T0.plusSeconds(10)))
                .as("11.5: the rule, 20%% of errors between two scrapes 10 s apart (threshold 5%%, no hold)")
                .isNotEqualTo(State.INACTIVE);
        DnsRegistry dns = new DnsRegistry();
        MetricsSettings fast =
                MetricsSettings.defaults().fast(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));
        try (Topology topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .metrics(fast)
                .start()) {
            SiteClient client = new SiteClient(dns);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = new Thread(
                    () -> {
                        int i = 0;
                        while (running.get()) {
                            client.get("http://snapshots.test/api/users/" + (1 + i++ % 50));
                        }
                    },
                    "alert-load");
            load.start();
            try {
                topology.web().server("web-2").setFailureRate(0.2);
                await("11.5: web-2's alert active (pending or firing), 20% of its requests failing")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> topology.tier(Scraper.class).alerts().get("web-2") != null
                                && topology.tier(Scraper.class).alerts().get("web-2") != State.INACTIVE);
                await("11.5: web-2's alert firing, 20% of its requests failing (scrapes every 100 ms, 1 s window,"
                                + " for 500 ms)")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> topology.tier(Scraper.class).alerts().get("web-2") == State.FIRING);
                assertThat(topology.tier(Scraper.class).alerts())
                        .as("11.5: the healthy servers' alerts")
                        .containsEntry("web-1", State.INACTIVE)
                        .containsEntry("web-3", State.INACTIVE);
                topology.web().server("web-2").setFailureRate(0);
                await("11.5: web-2's alert cleared once it fails no more")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> topology.tier(Scraper.class).alerts().get("web-2") == State.INACTIVE);
            } finally {
                running.set(false);
                load.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
