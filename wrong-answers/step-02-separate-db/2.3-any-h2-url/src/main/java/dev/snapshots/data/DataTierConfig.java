package dev.snapshots.data;

public record DataTierConfig(String url, String user, String password) {

    private static final String EXAMPLE = "jdbc:h2:tcp://127.0.0.1:9092/snapshots";

    public static DataTierConfig from(Map<String, String> environment, Properties systemProperties) {
        String url = setting("url", environment, systemProperties);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "Where is the data tier? Set " + URL_VARIABLE + " (or -Dsnapshots.db.url), for example " + EXAMPLE);
        }
        // Wrong: any H2 URL is taken, so an embedded database (mem:, file:) passes for the data tier.
        if (!url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(URL_VARIABLE + "=" + url + " is not an H2 database, for example " + EXAMPLE);
        }
        String user = setting("user", environment, systemProperties);
        String password = setting("password", environment, systemProperties);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("The data tier needs its password: set " + PASSWORD_VARIABLE
                    + " (or -Dsnapshots.db.password); an empty password would let anyone on this machine in");
        }
        return new DataTierConfig(url.strip(), user == null ? "sa" : user, password);
    }
}
