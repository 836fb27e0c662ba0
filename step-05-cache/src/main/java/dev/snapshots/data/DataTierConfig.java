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

    private static final String EXAMPLE = "jdbc:h2:tcp://127.0.0.1:9092/snapshots";

    /** The configuration of this process. */
    public static DataTierConfig fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * Rules: the URL is required and must reach a database <em>server</em>
     * ({@code jdbc:h2:tcp://host:port/name}); an embedded database ({@code jdbc:h2:mem:},
     * {@code jdbc:h2:file:}) would put the data back inside the web server. User defaults to
     * {@code sa}, password to empty. A missing or wrong URL fails at once with an
     * {@link IllegalArgumentException} whose message names {@value #URL_VARIABLE} and shows an example.
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
        return new DataTierConfig(url.strip(), user == null ? "sa" : user, password == null ? "" : password);
    }

    private static String setting(String name, Map<String, String> environment, Properties systemProperties) {
        String property = systemProperties.getProperty("snapshots.db." + name);
        return property != null ? property : environment.get("SNAPSHOTS_DB_" + name.toUpperCase(java.util.Locale.ROOT));
    }
}
