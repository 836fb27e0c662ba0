package dev.snapshots.cdn;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The CDN edge as one module (step 06): the edge server, the token its purge API asks for (one per
 * run), and the address pages link their assets at. Where the origin is, it asks each time
 * ({@code origin}): the edge knows the site only as an address that answers HTTP.
 */
public final class EdgeTier implements AutoCloseable {

    private final EdgeServer server;
    private final String purgeToken;
    private final String assetBase;

    private EdgeTier(EdgeServer server, String purgeToken, String assetBase) {
        this.server = server;
        this.purgeToken = purgeToken;
        this.assetBase = assetBase;
    }

    /**
     * Starts the edge on {@code port} (0: a free one) in front of {@code origin}; pages will link its
     * assets at {@code assetHost} (the course DNS's name for it, or the demo's {@code localhost}).
     */
    public static EdgeTier start(Supplier<InetSocketAddress> origin, int port, String assetHost) {
        String purgeToken = randomToken();
        EdgeServer server = new EdgeServer(origin, purgeToken, Clock.systemUTC()).start(port);
        return new EdgeTier(
                server,
                purgeToken,
                "http://" + assetHost + ":" + server.address().getPort());
    }

    /** A purge token for this run only: 256 bits from a strong random source. */
    private static String randomToken() {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    public EdgeServer server() {
        return server;
    }

    /** The purge API's token for this run (the demo prints it). */
    public String purgeToken() {
        return purgeToken;
    }

    /** Where pages link their assets: {@code http://<asset host>:<edge port>}. */
    public String assetBase() {
        return assetBase;
    }

    @Override
    public void close() {
        server.close();
    }
}
