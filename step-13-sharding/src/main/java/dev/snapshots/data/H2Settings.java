package dev.snapshots.data;

/**
 * H2 reads these JVM-wide settings once, when its first class loads, so both the server and the
 * client side of the data tier apply them before touching H2. Provided code.
 */
final class H2Settings {

    private H2Settings() {}

    static void apply() {
        // The database server listens on loopback only: nothing outside this machine can reach it.
        System.getProperties().putIfAbsent("h2.bindAddress", "127.0.0.1");
        // When the server is down, say so at once instead of retrying the connection for a second or more.
        System.getProperties().putIfAbsent("h2.socketConnectRetry", "0");
    }
}
