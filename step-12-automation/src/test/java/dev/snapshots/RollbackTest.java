package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.deploy.DeploySettings;
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
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(3)
                .loadBalancer()
                .deploys(DeploySettings.fast())
                .start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** A deploy's outcome, and how long {@code deploy} took. */
    private record Deployed(Deployment deployment, long tookMillis) {}

    /** Deploys {@code build} (tests passed) under {@code traffic}, which is stopped after it. */
    private static Deployed deployUnderLoad(Build build, Traffic traffic) throws InterruptedException {
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> traffic.requests() >= 20);
            long start = System.nanoTime();
            Deployment deployment =
                    topology.deployer().deploy(topology.pipeline().release(build, Pipeline.TestRun.passed(120)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            long after = traffic.requests();
            await().atMost(Duration.ofSeconds(5)).until(() -> traffic.requests() >= after + 20);
            return new Deployed(deployment, tookMillis);
        } finally {
            traffic.close();
        }
    }

    private static void assertAllBackOnV1(Deployment deployment, Traffic traffic) {
        Map<String, String> versions = new HashMap<>();
        for (WebServer server : topology.webServers()) {
            versions.put(server.name(), server.version());
        }
        assertThat(versions)
                .as("12.4: each slot's running version after the rollback of %s", deployment)
                .isEqualTo(Map.of("web-1", "v1", "web-2", "v1", "web-3", "v1"));
        assertThat(topology.loadBalancer().pool().healthy())
                .as("12.4: the balancer's serving pool after the rollback")
                .hasSize(3);
        assertThat(traffic.minServing())
                .as("12.4: the fewest servers in the balancer's pool at any moment, of 3: %s", traffic.summary())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_version_that_never_gets_ready_is_rolled_back_with_no_failed_request() throws Exception {
        Traffic traffic = Traffic.start(DNS, topology.loadBalancer().pool(), 4);
        Deployment deployment = deployUnderLoad(Build.of("v2-never-ready").neverReady(), traffic)
                .deployment();
        assertThat(deployment.outcome())
                .as("12.4: how the deploy of a version that never gets ready ended: %s", deployment)
                .isEqualTo(Deployment.Outcome.ROLLED_BACK);
        assertThat(deployment.replaced())
                .as("12.4: the slots the rollout touched before it stopped: %s", deployment)
                .isEqualTo(List.of("web-1"));
        assertThat(traffic.failures())
                .as("12.4: requests that failed during the rollout and its rollback: %s", traffic.summary())
                .isEmpty();
        assertAllBackOnV1(deployment, traffic);
    }

    @Test
    void a_version_failing_half_its_requests_is_rolled_back_from_its_metrics() throws Exception {
        Traffic traffic = Traffic.start(DNS, topology.loadBalancer().pool(), 4);
        Deployed deployed = deployUnderLoad(Build.of("v2-buggy").failing(0.5), traffic);
        Deployment deployment = deployed.deployment();
        assertThat(deployment.outcome())
                .as("12.4: how the deploy of a version failing 50%% of its requests ended: %s", deployment)
                .isEqualTo(Deployment.Outcome.ROLLED_BACK);
        assertThat(deployment.replaced())
                .as("12.4: the slots the rollout touched before its first new server was judged: %s", deployment)
                .isEqualTo(List.of("web-1"));
        assertThat(deployed.tookMillis())
                .as(
                        "12.4: ms from the start of the deploy to the end of its rollback (the watch window is %d ms)",
                        DeploySettings.fast().watchWindow().toMillis())
                .isLessThan(DeploySettings.fast().watchWindow().toMillis());
        assertThat(traffic.failures().stream().filter(f -> !"v2-buggy".equals(f.version())))
                .as("12.4: failed requests not answered by the buggy version: %s", traffic.summary())
                .isEmpty();
        assertAllBackOnV1(deployment, traffic);
    }
}
