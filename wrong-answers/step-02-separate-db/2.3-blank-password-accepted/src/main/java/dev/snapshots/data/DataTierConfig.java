package dev.snapshots.data;

public record DataTierConfig(String url, String user, String password) {

    private static final String EXAMPLE = "jdbc:h2:tcp://127.0.0.1:9092/snapshots";

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
        // Wrong: only a missing password is refused; one set to "" or spaces goes through.
        if (password == null) {
            throw new IllegalArgumentException("The data tier needs its password: set " + PASSWORD_VARIABLE
                    + " (or -Dsnapshots.db.password)");
        }
        return new DataTierConfig(url.strip(), user == null ? "sa" : user, password);
    }
}
