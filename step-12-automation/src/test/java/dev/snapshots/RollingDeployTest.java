package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.deploy.Deployer;
import dev.snapshots.deploy.Deployment;
import dev.snapshots.deploy.Pipeline;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.Build;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("12.3")
@DisplayName(
        "12.3 A rolling deploy of 3 servers under steady load from 4 clients: 0 failed requests, at least 2 of 3 serving after every step, every server on the new version at the end")
class RollingDeployTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    /**
     * The fast settings, with room to get ready: a server starting on a busy machine may take more
     * than a second to answer its first probe, and a deploy that goes well never waits for the deadline.
     */
    private static final DeploySettings SETTINGS = DeploySettings.fast().readyWithin(Duration.ofSeconds(10));

    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(3)
                .loadBalancer()
                .deploys(SETTINGS)
                .start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void a_rolling_deploy_under_load_fails_no_request_and_ends_on_the_new_version() throws Exception {
        // Slow to warm up, like a real JVM: sent traffic before it is ready, it answers 503.
        Build v2 = Build.of("v2").warmingUpFor(Duration.ofMillis(150));
        Deployment deployment;
        WatchedFleet fleet = new WatchedFleet(
                topology.tier(DeployTier.class).fleet(), topology.loadBalancer().pool());
        Deployer deployer =
                new Deployer(fleet, topology.tier(DeployTier.class).pipeline().key(), SETTINGS);
        Traffic traffic = Traffic.start(DNS, 4);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> traffic.requests() >= 20);
            deployment = deployer.deploy(
                    topology.tier(DeployTier.class).pipeline().release(v2, Pipeline.TestRun.passed(120)));
            long after = traffic.requests();
            await().atMost(Duration.ofSeconds(20)).until(() -> traffic.requests() >= after + 20);
        } finally {
            traffic.close();
        }
        assertThat(deployment.outcome())
                .as("12.3: how the deploy of v2 ended: %s", deployment)
                .isEqualTo(Deployment.Outcome.DEPLOYED);
        assertThat(traffic.failures())
                .as("12.3: requests that failed during the rollout: %s", traffic.summary())
                .isEmpty();
        assertThat(fleet.fewestServing())
                .as(
                        "12.3: the fewest servers serving (in the balancer's pool, running) after any step of the"
                                + " rollout, of 3: %s",
                        fleet.steps())
                .isGreaterThanOrEqualTo(2);
        assertThat(traffic.versions())
                .as("12.3: answers per version during the rollout, both old and new: %s", traffic.summary())
                .containsKeys("v1", "v2");

        Map<String, String> versions = new HashMap<>();
        for (WebServer server : topology.web().servers()) {
            versions.put(server.name(), server.version());
        }
        assertThat(versions)
                .as("12.3: each slot's running version after the deploy")
                .isEqualTo(Map.of("web-1", "v2", "web-2", "v2", "web-3", "v2"));
        assertThat(topology.loadBalancer().pool().healthy())
                .as("12.3: the balancer's serving pool after the deploy")
                .hasSize(3);
        SiteClient client = new SiteClient(DNS);
        Map<String, String> answeredBy = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            SiteClient.Response answer = client.get("http://snapshots.test/");
            answeredBy.put(answer.header(WebServer.SERVED_BY), answer.header(WebServer.VERSION));
        }
        assertThat(answeredBy)
                .as("12.3: version per server answering 9 requests through the balancer")
                .isEqualTo(Map.of("web-1", "v2", "web-2", "v2", "web-3", "v2"));
    }
}
