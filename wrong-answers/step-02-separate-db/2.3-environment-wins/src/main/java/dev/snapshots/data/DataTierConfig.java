package dev.snapshots.data;

public record DataTierConfig(String url, String user, String password) {

    private static String setting(String name, Map<String, String> environment, Properties systemProperties) {
        // Wrong: the environment is read first, the system property only fills a gap.
        String variable = environment.get("SNAPSHOTS_DB_" + name.toUpperCase(java.util.Locale.ROOT));
        return variable != null ? variable : systemProperties.getProperty("snapshots.db." + name);
    }
}
