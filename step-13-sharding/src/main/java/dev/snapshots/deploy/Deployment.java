package dev.snapshots.deploy;

import java.util.List;

/**
 * How a deploy ended. Provided code.
 *
 * @param outcome deployed, rolled back, or refused before anything changed
 * @param version the version that was deployed
 * @param serving the version every slot serves now
 * @param reason why it was rolled back or refused ("" when deployed)
 * @param replaced the slots the rollout replaced, in order (empty when refused)
 */
public record Deployment(Outcome outcome, String version, String serving, String reason, List<String> replaced) {

    public enum Outcome {
        DEPLOYED,
        ROLLED_BACK,
        REFUSED
    }
}
