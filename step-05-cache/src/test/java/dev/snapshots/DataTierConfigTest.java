package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.web.WebServer;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Carried from step 02 (exercise 2.3): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 02 · The data tier's address comes from configuration")
class DataTierConfigTest {

    private static final String URL = "jdbc:h2:tcp://127.0.0.1:9092/snapshots";

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void the_address_comes_from_SNAPSHOTS_DB_URL_and_the_user_defaults_to_sa() {
        DataTierConfig config =
                DataTierConfig.from(Map.of("SNAPSHOTS_DB_URL", URL, "SNAPSHOTS_DB_PASSWORD", "pw"), properties());

        assertThat(config)
                .as("from SNAPSHOTS_DB_URL and SNAPSHOTS_DB_PASSWORD")
                .isEqualTo(new DataTierConfig(URL, "sa", "pw"));
    }

    @ParameterizedTest(name = "SNAPSHOTS_DB_PASSWORD=[{0}] is refused")
    @ValueSource(strings = {"", "   ", "(none)"})
    void a_missing_or_blank_password_fails_at_once_and_says_what_to_set(String password) {
        Map<String, String> environment = password.equals("(none)")
                ? Map.of("SNAPSHOTS_DB_URL", URL)
                : Map.of("SNAPSHOTS_DB_URL", URL, "SNAPSHOTS_DB_PASSWORD", password);

        assertThatThrownBy(() -> DataTierConfig.from(environment, properties()))
                .as("SNAPSHOTS_DB_PASSWORD=[%s]", password)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_DB_PASSWORD");
    }

    @Test
    void credentials_come_from_the_environment_too() {
        DataTierConfig config = DataTierConfig.from(
                Map.of("SNAPSHOTS_DB_URL", URL, "SNAPSHOTS_DB_USER", "web", "SNAPSHOTS_DB_PASSWORD", "s3cret"),
                properties());

        assertThat(config)
                .as("user and password from the environment")
                .isEqualTo(new DataTierConfig(URL, "web", "s3cret"));
    }

    @Test
    void a_system_property_wins_over_the_environment() {
        String other = "jdbc:h2:tcp://127.0.0.1:9999/other";
        DataTierConfig config = DataTierConfig.from(
                Map.of("SNAPSHOTS_DB_URL", URL, "SNAPSHOTS_DB_USER", "web"),
                properties("snapshots.db.url", other, "snapshots.db.user", "admin", "snapshots.db.password", "pw"));

        assertThat(config)
                .as("-Dsnapshots.db.* over SNAPSHOTS_DB_*")
                .isEqualTo(new DataTierConfig(other, "admin", "pw"));
    }

    @ParameterizedTest(name = "SNAPSHOTS_DB_URL=[{0}] is refused")
    @ValueSource(
            strings = {
                "",
                "   ",
                "jdbc:h2:mem:snapshots",
                "jdbc:h2:file:./snapshots",
                "jdbc:h2:./snapshots",
                "http://127.0.0.1:9092"
            })
    void a_missing_or_embedded_address_fails_at_once_and_says_what_to_set(String url) {
        Map<String, String> environment = Map.of("SNAPSHOTS_DB_URL", url, "SNAPSHOTS_DB_PASSWORD", "pw");

        assertThatThrownBy(() -> DataTierConfig.from(environment, properties()))
                .as("SNAPSHOTS_DB_URL=[%s]", url)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_DB_URL")
                .hasMessageContaining("jdbc:h2:tcp://");
    }

    @Test
    void no_address_at_all_fails_at_once_and_says_what_to_set() {
        assertThatThrownBy(() -> DataTierConfig.from(Map.of(), properties()))
                .as("nothing configured")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNAPSHOTS_DB_URL");
    }

    @Test
    void a_web_server_uses_the_data_tier_it_is_configured_with_and_no_other() {
        try (DatabaseServer a = DatabaseServer.startTemporary();
                DatabaseServer b = DatabaseServer.startTemporary()) {
            DataTierConfig config = DataTierConfig.from(
                    Map.of("SNAPSHOTS_DB_URL", b.jdbcUrl("snapshots"), "SNAPSHOTS_DB_PASSWORD", b.password()),
                    properties());
            try (WebServer web = TestTopology.webServerOn("web-1", config, TestTopology.CHEAP_HASHING, 0)) {
                var dns = new dev.snapshots.dns.DnsRegistry();
                dns.register(Topology.SITE, web.address());
                var created = new SiteClient(dns)
                        .postJson(
                                "http://snapshots.test/api/users",
                                "{\"name\": \"Bo\", \"email\": \"bo@example.com\", \"password\": \"correct horse\"}");
                assertThat(created.status()).as("%s", created).isEqualTo(201);
            }
            long inB = Jdbi.create(b.jdbcUrl("snapshots"), DatabaseServer.USER, b.password())
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users")
                            .mapTo(Long.class)
                            .one());
            boolean aHasUsers = Jdbi.create(a.jdbcUrl("snapshots"), DatabaseServer.USER, a.password())
                            .withHandle(h -> h.createQuery(
                                            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND table_name = 'USERS'")
                                    .mapTo(Long.class)
                                    .one())
                    > 0;
            assertThat(inB).as("users in the configured data tier").isEqualTo(1);
            assertThat(aHasUsers).as("the other data tier was never touched").isFalse();
        }
    }
}
