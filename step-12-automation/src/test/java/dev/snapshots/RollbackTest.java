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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("12.4")
@DisplayName(
        "12.4 Automatic rollback under load: a version that never gets ready is rolled back with 0 failed requests; one that fails half its requests is rolled back from its metrics within the window")
class RollbackTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    /**
     * The fast settings, with room to get ready: a server starting on a busy machine may take more
     * than a second to answer its first probe (the rollback's v1 too). Only the build that never gets
     * ready waits for the whole deadline.
     */
    private static final DeploySettings SETTINGS = DeploySettings.fast().readyWithin(Duration.ofSeconds(3));

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

    /**
     * Deploys {@code build} (tests passed) through {@code fleet} under {@code traffic}, which is
     * stopped after it.
     */
    private static Deployment deployUnderLoad(Build build, WatchedFleet fleet, Traffic traffic)
            throws InterruptedException {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> traffic.requests() >= 20);
            Deployment deployment = new Deployer(
                            fleet, topology.tier(DeployTier.class).pipeline().key(), SETTINGS)
                    .deploy(topology.tier(DeployTier.class).pipeline().release(build, Pipeline.TestRun.passed(120)));
            long after = traffic.requests();
            await().atMost(Duration.ofSeconds(20)).until(() -> traffic.requests() >= after + 20);
            return deployment;
        } finally {
            traffic.close();
        }
    }

    private static WatchedFleet watchedFleet() {
        return new WatchedFleet(
                topology.tier(DeployTier.class).fleet(), topology.loadBalancer().pool());
    }

    private static void assertAllBackOnV1(Deployment deployment, WatchedFleet fleet) {
        Map<String, String> versions = new HashMap<>();
        for (WebServer server : topology.web().servers()) {
            versions.put(server.name(), server.version());
        }
        assertThat(versions)
                .as("12.4: each slot's running version after the rollback of %s", deployment)
                .isEqualTo(Map.of("web-1", "v1", "web-2", "v1", "web-3", "v1"));
        assertThat(topology.loadBalancer().pool().healthy())
                .as("12.4: the balancer's serving pool after the rollback")
                .hasSize(3);
        assertThat(fleet.fewestServing())
                .as(
                        "12.4: the fewest servers serving (in the balancer's pool, running) after any step of the"
                                + " rollout and its rollback, of 3: %s",
                        fleet.steps())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_version_that_never_gets_ready_is_rolled_back_with_no_failed_request() throws Exception {
        WatchedFleet fleet = watchedFleet();
        Traffic traffic = Traffic.start(DNS, 4);
        Deployment deployment = deployUnderLoad(Build.of("v2-never-ready").neverReady(), fleet, traffic);
        assertThat(deployment.outcome())
                .as("12.4: how the deploy of a version that never gets ready ended: %s", deployment)
                .isEqualTo(Deployment.Outcome.ROLLED_BACK);
        assertThat(deployment.replaced())
                .as("12.4: the slots the rollout touched before it stopped: %s", deployment)
                .isEqualTo(List.of("web-1"));
        assertThat(traffic.failures())
                .as("12.4: requests that failed during the rollout and its rollback: %s", traffic.summary())
                .isEmpty();
        assertAllBackOnV1(deployment, fleet);
    }

    @Test
    void a_version_failing_half_its_requests_is_rolled_back_from_its_metrics() throws Exception {
        WatchedFleet fleet = watchedFleet();
        Traffic traffic = Traffic.start(DNS, 4);
        Deployment deployment = deployUnderLoad(Build.of("v2-buggy").failing(0.5), fleet, traffic);
        assertThat(deployment.outcome())
                .as("12.4: how the deploy of a version failing 50%% of its requests ended: %s", deployment)
                .isEqualTo(Deployment.Outcome.ROLLED_BACK);
        assertThat(deployment.replaced())
                .as("12.4: the slots the rollout touched before its first new server was judged: %s", deployment)
                .isEqualTo(List.of("web-1"));
        // Judged within the watch window, on the deployer's own clock: a window that ended with no verdict
        // would have let the rollout go on to web-2. The reason is the watch's, from web-1's metrics.
        assertThat(deployment.reason())
                .as(
                        "12.4: why the rollout stopped: web-1's error ratio, judged within the %d ms watch window: %s",
                        SETTINGS.watchWindow().toMillis(), deployment)
                .startsWith("web-1: ")
                .contains("requests failed");
        assertThat(traffic.failures().stream().filter(f -> !"v2-buggy".equals(f.version())))
                .as("12.4: failed requests not answered by the buggy version: %s", traffic.summary())
                .isEmpty();
        assertAllBackOnV1(deployment, fleet);
    }
}
