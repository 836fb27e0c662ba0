package dev.snapshots.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exercise 11.5: an alert rule, evaluated on what the scraper collected, as Prometheus evaluates
 * {@code sum by (instance) (rate(http_server_requests_seconds_count{status="5xx"}[window])) /
 * sum by (instance) (rate(http_server_requests_seconds_count[window])) > threshold}, {@code for}
 * a while. Each target (server) is judged on its own: one sick server among healthy ones must
 * fire, even when the tier as a whole looks fine.
 */
public final class AlertRule {

    /** Where a target's alert is: not active, active but not for long enough yet, or firing. */
    public enum State {
        INACTIVE,
        PENDING,
        FIRING
    }

    private final double threshold;
    private final Duration holdFor;
    private final Duration window;
    /** Per target: since when its condition has held without a break (absent: it does not hold). */
    private final Map<String, Instant> activeSince = new HashMap<>();
    /** Targets whose alert is firing. */
    private final Set<String> firing = new HashSet<>();

    /**
     * Fires for a target whose error ratio over the last {@code window} has been above
     * {@code threshold} (0.05: 5%) at every evaluation for at least {@code holdFor}.
     */
    public AlertRule(double threshold, Duration holdFor, Duration window) {
        this.threshold = threshold;
        this.holdFor = holdFor;
        this.window = window;
    }

    /**
     * Evaluates the rule for {@code target} at {@code now}, given its {@code scrapes}, oldest first
     * (each with the target's cumulative counts, see {@link Scrape}), and returns its state:
     * <ul>
     *   <li>the condition: over the scrapes of the last {@code window} (the newest one and the
     *       oldest one at most {@code window} before it), the errors (5xx) that happened divided by
     *       the requests that happened is above {@code threshold}. Counters are cumulative: what
     *       happened in the window is the newest count minus the oldest. Without two scrapes, or
     *       without a request between them, the condition does not hold;
     *   <li>{@link State#INACTIVE} while it does not hold; {@link State#PENDING} from the first
     *       evaluation where it holds; {@link State#FIRING} once it has held at every evaluation for
     *       at least {@code holdFor}; back to {@link State#INACTIVE} (and pending again from zero)
     *       at the first evaluation where it does not.
     * </ul>
     */
    public State evaluate(String target, List<Scrape> scrapes, Instant now) {
        if (!holds(scrapes)) {
            activeSince.remove(target);
            firing.remove(target);
            return State.INACTIVE;
        }
        Instant since = activeSince.computeIfAbsent(target, t -> now);
        if (Duration.between(since, now).compareTo(holdFor) >= 0) {
            firing.add(target);
            return State.FIRING;
        }
        return State.PENDING;
    }

    /** The targets whose alert was firing at their last evaluation. */
    public Set<String> firing() {
        return Set.copyOf(firing);
    }

    public double threshold() {
        return threshold;
    }

    public Duration holdFor() {
        return holdFor;
    }

    public Duration window() {
        return window;
    }

    /** The error ratio over the window, from the counters' growth between its oldest and newest scrape. */
    private boolean holds(List<Scrape> scrapes) {
        if (scrapes.size() < 2) {
            return false;
        }
        Scrape newest = scrapes.get(scrapes.size() - 1);
        Scrape oldest = scrapes.stream()
                .filter(s -> !s.at().isBefore(newest.at().minus(window)))
                .findFirst()
                .orElse(newest);
        double requests = newest.requests() - oldest.requests();
        double errors = newest.errors() - oldest.errors();
        return requests > 0 && errors / requests > threshold;
    }
}
