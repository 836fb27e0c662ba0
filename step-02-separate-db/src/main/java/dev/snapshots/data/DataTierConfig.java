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
        // TODO 2.3: read url, user and password (property first, then environment), check the URL, apply the defaults.
        throw new UnsupportedOperationException("TODO 2.3: configure the data tier's address (DataTierConfig.from)");
    }

    /** Never prints the password: a configuration ends up in logs and error messages. */
    @Override
    public String toString() {
        return "DataTierConfig[url=" + url + ", user=" + user + ", password=***]";
    }
}
