package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployer, as a CD system (Argo CD, Spinnaker, a Kubernetes Deployment) runs it: a release
 * goes through the gate (12.5), rolls over the fleet one slot at a time (12.3), each new server
 * watched through its metrics (12.4); a rollout that fails is rolled back everywhere (12.4).
 * Provided code: the decisions are the exercises.
 */
public final class Deployer {

    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private final Fleet fleet;
    private final byte[] pipelineKey;
    private final DeploySettings settings;

    public Deployer(Fleet fleet, byte[] pipelineKey, DeploySettings settings) {
        this.fleet = fleet;
        this.pipelineKey = pipelineKey.clone();
        this.settings = settings;
    }

    /** Deploys {@code release} over every slot, or refuses it, or rolls it back. Returns when done. */
    public Deployment deploy(Release release) throws InterruptedException {
        List<String> slots = fleet.slots();
        Build previous = fleet.running(slots.get(0));
        ReleaseGate.Decision gate = ReleaseGate.check(release, pipelineKey);
        if (!gate.accepted()) {
            LOG.warn("release {} refused: {}", release.version(), gate.reason());
            return new Deployment(
                    Deployment.Outcome.REFUSED, release.version(), previous.version(), gate.reason(), List.of());
        }
        LOG.info("deploying {} over {} (now {})", release.version(), slots, previous.version());
        RollingUpdate.Rollout rollout =
                RollingUpdate.roll(fleet, release.build(), settings.readyDeadline(), this::watch);
        if (rollout.failure().isEmpty()) {
            LOG.info("deployed {} to {}", release.version(), rollout.replaced());
            return new Deployment(
                    Deployment.Outcome.DEPLOYED, release.version(), release.version(), "", rollout.replaced());
        }
        String reason = rollout.failure().get();
        LOG.warn("rolling {} back to {}: {}", release.version(), previous.version(), reason);
        Rollback.undo(fleet, rollout.replaced(), previous, settings.readyDeadline());
        return new Deployment(
                Deployment.Outcome.ROLLED_BACK, release.version(), previous.version(), reason, rollout.replaced());
    }

    /**
     * Watches a slot's new server through its metrics until a verdict, or for the watch window at
     * most: too little traffic to judge lets the rollout go on (Argo Rollouts calls it inconclusive).
     */
    private Optional<String> watch(String slot) throws InterruptedException {
        long end = System.nanoTime() + settings.watchWindow().toNanos();
        while (true) {
            Tally tally = fleet.tally(slot);
            Rollback.Verdict verdict = Rollback.verdict(tally, settings.minRequests(), settings.maxErrorRatio());
            if (verdict == Rollback.Verdict.UNHEALTHY) {
                return Optional.of(String.format(
                        "%s: %d of %d requests failed, over the %.0f%% allowed",
                        slot, tally.errors(), tally.requests(), settings.maxErrorRatio() * 100));
            }
            if (verdict == Rollback.Verdict.HEALTHY || System.nanoTime() >= end) {
                return Optional.empty();
            }
            Thread.sleep(Math.max(5, settings.checkEvery().toMillis()));
        }
    }
}
