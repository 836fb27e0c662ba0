package dev.snapshots;

import dev.snapshots.deploy.Fleet;
import dev.snapshots.deploy.Tally;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.Scrape;
import dev.snapshots.metrics.Scraper;
import dev.snapshots.metrics.ServerMetrics;
import dev.snapshots.web.Build;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The web servers behind the balancer, as a deployer drives them: the slots are the servers' names,
 * each with at most one server running at a time. It takes a slot out of the balancer's pool and puts
 * it back, stops a server gracefully and starts another on the same slot, asks its readiness probe,
 * and reads its request and error counts from its own {@code /metrics}, as Prometheus would. Provided
 * code.
 */
final class WebFleet implements Fleet {

    /**
     * How long taking a server out waits for the requests already on their way to it: longer than a
     * request is forwarded for on any machine, short enough that a stuck one cannot hold a deploy.
     */
    private static final Duration ON_THEIR_WAY = Duration.ofSeconds(5);

    private final WebTier web;
    private final LoadBalancer balancer;
    private final HttpClient probes;
    private final String metricsToken;

    /**
     * A fleet over the topology's web tier (what it runs, this fleet sees; a server this fleet stops
     * leaves it), behind {@code balancer}; {@code probes} asks their readiness and reads their metrics
     * with {@code metricsToken}.
     */
    WebFleet(WebTier web, LoadBalancer balancer, HttpClient probes, String metricsToken) {
        this.web = web;
        this.balancer = balancer;
        this.probes = probes;
        this.metricsToken = metricsToken;
    }

    @Override
    public List<String> slots() {
        return web.servers().stream().map(WebServer::name).sorted().toList();
    }

    @Override
    public Build running(String slot) {
        return server(slot).lifecycle().build();
    }

    @Override
    public void takeOut(String slot) {
        try {
            balancer.pool().takeOut(slot, ON_THEIR_WAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void putIn(String slot) {
        balancer.pool().add(new Backend(slot, server(slot).address()));
    }

    @Override
    public void stop(String slot) throws InterruptedException {
        web.stopGracefully(slot);
    }

    @Override
    public void start(String slot, Build build) {
        if (web.servers().stream().anyMatch(s -> s.name().equals(slot))) {
            throw new IllegalStateException(slot + " already has a running server: stop it first");
        }
        web.start(slot, build);
    }

    @Override
    public boolean ready(String slot) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri(server(slot), "/health/ready"))
                    .timeout(Duration.ofMillis(500))
                    .build();
            return probes.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Tally tally(String slot) {
        // What Prometheus would read: the server's own /metrics, with this run's token.
        HttpRequest request = HttpRequest.newBuilder(uri(server(slot), ServerMetrics.PATH))
                .header("Authorization", "Bearer " + metricsToken)
                .timeout(Duration.ofSeconds(1))
                .build();
        try {
            HttpResponse<String> answer = probes.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new Tally(0, 0);
            }
            Scrape counted = Scraper.count(Instant.now(), Samples.parse(answer.body()));
            return new Tally((long) counted.requests(), (long) counted.errors());
        } catch (IOException e) {
            return new Tally(0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Tally(0, 0);
        }
    }

    private URI uri(WebServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private WebServer server(String slot) {
        return web.server(slot);
    }
}
