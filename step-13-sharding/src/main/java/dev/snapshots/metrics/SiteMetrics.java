package dev.snapshots.metrics;

/**
 * What a web server needs to be observed (step 11): its metrics (made before it, so the parts it is
 * built from, such as its cache, can count into them), and where it counts its active users (null:
 * nowhere, as without a session tier).
 */
public record SiteMetrics(ServerMetrics metrics, ActiveUsers activeUsers) {

    /** Metrics behind a token nobody was told: they are there, and nobody scrapes them. */
    public static SiteMetrics unscraped() {
        return new SiteMetrics(new ServerMetrics("web", ServerMetrics.newToken()), null);
    }
}
