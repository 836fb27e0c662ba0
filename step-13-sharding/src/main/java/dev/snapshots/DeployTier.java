package dev.snapshots;

import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.deploy.Deployer;
import dev.snapshots.deploy.Fleet;
import dev.snapshots.deploy.Pipeline;
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.web.Lifecycle;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Rolling deploys as one module (step 12): this run's CI pipeline, whose signed releases the
 * deployer takes; the deployer, which drives the web servers behind the balancer as a {@link Fleet};
 * and the balancer's readiness checks, which let a server leave the pool and join it again safely.
 * Next to {@link Topology}, as {@link WebFleet} is: it knows the tiers the deployer may not.
 */
public final class DeployTier {

    private final DeploySettings settings;
    private final Pipeline pipeline = Pipeline.withNewKey();
    private final WebTier web;
    private final LoadBalancer balancer;
    private final String metricsToken;
    /** Asks a web server's readiness probe and reads its metrics, for the deployer. */
    private final HttpClient probes =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    DeployTier(DeploySettings settings, WebTier web, LoadBalancer balancer, String metricsToken) {
        if (balancer == null) {
            throw new IllegalStateException("deploys() needs loadBalancer(): a rolling update happens behind one");
        }
        this.settings = settings;
        this.web = web;
        this.balancer = balancer;
        this.metricsToken = metricsToken;
    }

    /** How a web server stops: after the settings' notice, draining for at most their limit. */
    static Lifecycle.Shutdown shutdown(DeploySettings settings) {
        return new Lifecycle.Shutdown(settings.notice(), settings.drainLimit());
    }

    /** Starts the balancer's checks of each server's readiness probe, at the settings' pace. */
    void checkReadiness() {
        balancer.startHealthChecks(settings.fall(), settings.rise(), settings.checkEvery());
    }

    /** The CI pipeline whose releases {@link #deployer()} takes: this run's, with a fresh key. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** A deployer for the web servers behind the balancer, trusting this run's pipeline. */
    public Deployer deployer() {
        return new Deployer(fleet(), pipeline.key(), settings);
    }

    /** The web servers behind the balancer, as a deployer drives them. */
    public Fleet fleet() {
        return new WebFleet(web, balancer, probes, metricsToken);
    }
}
