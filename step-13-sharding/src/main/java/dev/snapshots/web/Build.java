package dev.snapshots.web;

import java.time.Duration;

/**
 * What a web server runs: its version, and how that version behaves once started. A real build is
 * a jar or an image; here its behaviour is described, so that tests and the demo can ship a build
 * that is slow to warm up, never gets ready, or fails some of its requests. Provided code.
 *
 * @param version what the server reports, in {@code X-Version} and on the page
 * @param warmUp how long after start it takes to be ready (loading caches, warming the JIT)
 * @param failureRate the share of API requests it fails with a 500 (a bug only production shows)
 */
public record Build(String version, Duration warmUp, double failureRate) {

    /** Longer than any test or demo waits: a build that never gets ready. */
    private static final Duration NEVER = Duration.ofDays(365);

    public Build {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("a version is 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (warmUp.isNegative() || failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and the failure rate within 0..1");
        }
    }

    /** A healthy build: ready as soon as it starts, failing nothing. */
    public static Build of(String version) {
        return new Build(version, Duration.ZERO, 0);
    }

    /** The same build, ready {@code warmUp} after it starts. */
    public Build warmingUpFor(Duration warmUp) {
        return new Build(version, warmUp, failureRate);
    }

    /** The same build, never ready: its readiness probe fails for as long as it runs. */
    public Build neverReady() {
        return new Build(version, NEVER, failureRate);
    }

    /** The same build, failing this share of its API requests with a 500. */
    public Build failing(double rate) {
        return new Build(version, warmUp, rate);
    }

    /** The build's description as bytes: the "artifact" a pipeline checksums (see {@code deploy.Pipeline}). */
    public byte[] artifact() {
        return ("version=" + version + "\nwarm-up-ms=" + warmUp.toMillis() + "\nfailure-rate=" + failureRate + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
