package dev.snapshots;

import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.metrics.Scraper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the scraper scrapes, asked before each round, as Prometheus asks Kubernetes or Consul (step
 * 11): the balancer and every web server in its pool, up or down (a server that is down is what an
 * alert is for); without a balancer, the running web servers.
 */
final class ServiceDiscovery implements Supplier<List<Scraper.Target>> {

    /** Null for a topology without one. */
    private final LoadBalancer balancer;

    private final WebTier web;

    ServiceDiscovery(LoadBalancer balancer, WebTier web) {
        this.balancer = balancer;
        this.web = web;
    }

    @Override
    public List<Scraper.Target> get() {
        List<Scraper.Target> targets = new ArrayList<>();
        if (balancer != null) {
            targets.add(new Scraper.Target("lb", balancer.address()));
            balancer.pool().all().forEach(b -> targets.add(new Scraper.Target(b.name(), b.address())));
        } else {
            web.servers().forEach(w -> targets.add(new Scraper.Target(w.name(), w.address())));
        }
        return targets;
    }
}
