package dev.snapshots.metrics;

import dev.snapshots.background.BackgroundTask;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scraper tier, a small Prometheus: it finds its targets by asking for them each round
 * (service discovery: here, the balancer's pool and the balancer itself), reads each one's
 * {@code /metrics} with the run's token, keeps its last scrapes, and evaluates the alert rule
 * (exercise 11.5) on them. A learner asks it for a tier-wide sum or rate. Provided code.
 */
public final class Scraper implements AutoCloseable {

    /** A server to scrape: its name (the {@code instance}) and address. */
    public record Target(String name, InetSocketAddress address) {}

    /** One scrape of one target: when, and what it said. */
    public record Taken(Instant at, Samples samples) {}

    private static final Logger LOG = LoggerFactory.getLogger(Scraper.class);
    private static final String REQUESTS = "http_server_requests_seconds_count";

    private final Supplier<List<Target>> discover;
    private final String token;
    private final MetricsSettings settings;
    private final Clock clock;
    private final AlertRule rule;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final Map<String, Deque<Taken>> history = new ConcurrentHashMap<>();
    private final Map<String, AlertRule.State> alerts = new ConcurrentHashMap<>();
    private final BackgroundTask rounds = new BackgroundTask("scraper", this::round);

    public Scraper(Supplier<List<Target>> discover, String token, MetricsSettings settings, Clock clock) {
        this.discover = discover;
        this.token = token;
        this.settings = settings;
        this.clock = clock;
        this.rule = new AlertRule(settings.threshold(), settings.holdFor(), settings.window());
    }

    /** Scrapes every target now, then every interval, until closed. */
    public Scraper start() {
        rounds.start(settings.scrapeInterval());
        return this;
    }

    /** One round: every target scraped, then the rule evaluated for each. */
    public void round() {
        List<Target> targets = discover.get();
        for (Target target : targets) {
            scrape(target).ifPresent(taken -> {
                Deque<Taken> kept = history.computeIfAbsent(target.name(), name -> new ArrayDeque<>());
                synchronized (kept) {
                    kept.addLast(taken);
                    while (kept.size() > settings.keep()) {
                        kept.removeFirst();
                    }
                }
            });
        }
        for (Target target : targets) {
            alerts.put(target.name(), rule.evaluate(target.name(), counts(target.name()), clock.instant()));
        }
    }

    private Optional<Taken> scrape(Target target) {
        URI uri = URI.create("http://" + target.address().getHostString() + ":"
                + target.address().getPort() + ServerMetrics.PATH);
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warn("scrape of {} answered {}", target.name(), answer.statusCode());
                return Optional.empty();
            }
            return Optional.of(new Taken(clock.instant(), Samples.parse(answer.body())));
        } catch (java.io.IOException e) {
            // A target down is a gap in its series, as in Prometheus (its "up" would be 0).
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The target's requests and 5xx answers at each kept scrape, oldest first: what the rule reads. */
    public List<Scrape> counts(String target) {
        List<Scrape> counts = new ArrayList<>();
        for (Taken taken : history(target)) {
            counts.add(new Scrape(
                    taken.at(),
                    taken.samples().sum(REQUESTS, Map.of()),
                    taken.samples().sum(REQUESTS, Map.of("status", "5xx"))));
        }
        return counts;
    }

    /** The target's kept scrapes, oldest first. */
    public List<Taken> history(String target) {
        Deque<Taken> kept = history.get(target);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    /** The target's newest scrape, if any. */
    public Optional<Samples> latest(String target) {
        List<Taken> kept = history(target);
        return kept.isEmpty()
                ? Optional.empty()
                : Optional.of(kept.get(kept.size() - 1).samples());
    }

    /** The names of the targets scraped so far. */
    public List<String> targets() {
        return List.copyOf(history.keySet());
    }

    /** Tier-wide: the sum over every target's newest scrape of the series {@code name} with {@code labels}. */
    public double sum(String name, Map<String, String> labels) {
        return targets().stream()
                .map(this::latest)
                .flatMap(Optional::stream)
                .mapToDouble(samples -> samples.sum(name, labels))
                .sum();
    }

    /**
     * Tier-wide: how fast the counter {@code name} with {@code labels} grew per second over the last
     * {@code window}, summed over every target (PromQL's {@code sum(rate(name{labels}[window]))}).
     */
    public double rate(String name, Map<String, String> labels, Duration window) {
        double perSecond = 0;
        for (String target : targets()) {
            List<Taken> kept = history(target);
            if (kept.size() < 2) {
                continue;
            }
            Taken newest = kept.get(kept.size() - 1);
            Taken oldest = kept.stream()
                    .filter(t -> !t.at().isBefore(newest.at().minus(window)))
                    .findFirst()
                    .orElse(newest);
            double seconds = Duration.between(oldest.at(), newest.at()).toNanos() / 1e9;
            if (seconds > 0) {
                perSecond += Math.max(
                                0,
                                newest.samples().sum(name, labels)
                                        - oldest.samples().sum(name, labels))
                        / seconds;
            }
        }
        return perSecond;
    }

    /** Each target's alert state at its last evaluation. */
    public Map<String, AlertRule.State> alerts() {
        return Map.copyOf(alerts);
    }

    @Override
    public void close() {
        rounds.close();
    }
}
