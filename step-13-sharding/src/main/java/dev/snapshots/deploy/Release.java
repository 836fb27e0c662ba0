package dev.snapshots.deploy;

import dev.snapshots.web.Build;

/**
 * A build on its way to production, with the proof the pipeline gave it: its test report, or null
 * for a build that never went through the pipeline (built on a laptop, say). Provided code.
 */
public record Release(Build build, TestReport report) {

    public String version() {
        return build.version();
    }
}
