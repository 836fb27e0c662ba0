package dev.snapshots.data;

import java.util.Map;
import java.util.Properties;

/**
 * Where the data tier is, given to a web server from outside, never written into its code: the
 * same build then runs against a test database, a laptop's or production's.
 *
 * <p>Read from the environment ({@code SNAPSHOTS_DB_URL}, {@code SNAPSHOTS_DB_USER},
 * {@code SNAPSHOTS_DB_PASSWORD}) or from system properties ({@code snapshots.db.url},
 * {@code snapshots.db.user}, {@code snapshots.db.password}); a system property wins over the
 * environment variable of the same setting.
 */
public record DataTierConfig(String url, String user, String password) {

    public static final String URL_VARIABLE = "SNAPSHOTS_DB_URL";
    public static final String PASSWORD_VARIABLE = "SNAPSHOTS_DB_PASSWORD";

    private static final String EXAMPLE = "jdbc:h2:tcp://127.0.0.1:9092/snapshots";

    /** The configuration of this process. */
    public static DataTierConfig fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * Rules: the URL is required and must reach a database <em>server</em>
     * ({@code jdbc:h2:tcp://host:port/name}); an embedded database ({@code jdbc:h2:mem:},
     * {@code jdbc:h2:file:}) would put the data back inside the web server. User defaults to
     * {@code sa}. The password is required: a database server with an empty password is open to
     * every process on its machine. A missing or wrong URL fails at once with an
     * {@link IllegalArgumentException} whose message names {@value #URL_VARIABLE} and shows an
     * example; a missing or blank password fails the same way, naming {@value #PASSWORD_VARIABLE}.
     */
    public static DataTierConfig from(Map<String, String> environment, Properties systemProperties) {
        String url = setting("url", environment, systemProperties);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "Where is the data tier? Set " + URL_VARIABLE + " (or -Dsnapshots.db.url), for example " + EXAMPLE);
        }
        if (!url.startsWith("jdbc:h2:tcp://")) {
            throw new IllegalArgumentException(URL_VARIABLE + "=" + url + " is not a database server: the data tier"
                    + " must be reached over the network, for example " + EXAMPLE);
        }
        String user = setting("user", environment, systemProperties);
        String password = setting("password", environment, systemProperties);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("The data tier needs its password: set " + PASSWORD_VARIABLE
                    + " (or -Dsnapshots.db.password); an empty password would let anyone on this machine in");
        }
        return new DataTierConfig(url.strip(), user == null ? "sa" : user, password);
    }

    private static String setting(String name, Map<String, String> environment, Properties systemProperties) {
        String property = systemProperties.getProperty("snapshots.db." + name);
        return property != null ? property : environment.get("SNAPSHOTS_DB_" + name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Never prints the password: a configuration ends up in logs and error messages. */
    @Override
    public String toString() {
        return "DataTierConfig[url=" + url + ", user=" + user + ", password=***]";
    }
}
