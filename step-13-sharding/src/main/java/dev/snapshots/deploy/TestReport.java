package dev.snapshots.deploy;

/**
 * What a pipeline's test stage says about one build: which build (its artifact's SHA-256), how many
 * tests ran, how many failed or errored, and the pipeline's signature over all of it. Provided code.
 *
 * @param artifactSha256 the SHA-256 of the artifact that was tested, in lowercase hex
 * @param signature HMAC-SHA256 of {@link #signed()} under the pipeline's key, in lowercase hex
 */
public record TestReport(String artifactSha256, int testsRun, int failures, int errors, String signature) {

    /** The text the signature covers: every other field, in a fixed order. */
    public String signed() {
        return "artifact-sha256=" + artifactSha256 + "\ntests=" + testsRun + "\nfailures=" + failures + "\nerrors="
                + errors + "\n";
    }
}
