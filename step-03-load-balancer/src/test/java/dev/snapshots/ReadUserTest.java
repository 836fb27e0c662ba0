package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Carried from step 01 (exercise 1.1): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 01 · Read a user: GET /api/users/{id}")
class ReadUserTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static InMemoryWebTier topology;
    private static SiteClient client;
    private static User ada;

    @BeforeAll
    static void start() {
        topology = InMemoryWebTier.start(DNS);
        client = new SiteClient(DNS);
        // Seeded straight into the data tier, so this exercise does not depend on 1.2.
        ada = topology.repository().save("Ada Lovelace", "ada@example.com", "pbkdf2-sha256$1$AAAA$AAAA");
        topology.repository().save("Grace Hopper", "grace@example.com", "pbkdf2-sha256$1$AAAA$AAAA");
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void a_known_user_is_200_with_id_name_and_email_as_JSON() {
        SiteClient.Response response = client.get("http://snapshots.test/api/users/" + ada.id());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.isJson())
                .as("the answer must be a JSON object: %s", response)
                .isTrue();
        assertThat(response.json().path("id").asLong()).as("id in %s", response).isEqualTo(ada.id());
        assertThat(response.json().path("name").asText())
                .as("name in %s", response)
                .isEqualTo("Ada Lovelace");
        assertThat(response.json().path("email").asText())
                .as("email in %s", response)
                .isEqualTo("ada@example.com");
    }

    @Test
    void the_password_hash_never_leaves_the_server() {
        SiteClient.Response response = client.get("http://snapshots.test/api/users/" + ada.id());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body())
                .as("the user JSON must not carry the password hash: %s", response)
                .doesNotContainIgnoringCase("password")
                .doesNotContain("pbkdf2");
    }

    @Test
    void an_unknown_user_is_404_with_a_JSON_error() {
        SiteClient.Response response = client.get("http://snapshots.test/api/users/987654");

        assertThat(response.status()).as("%s", response).isEqualTo(404);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
        assertThat(response.json().path("error").asText())
                .as("the error says what is missing: %s", response)
                .isNotBlank();
    }

    @ParameterizedTest(name = "GET /api/users/{0} → 400")
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "%20", "0x10"})
    void an_id_that_is_not_a_positive_number_is_400_with_a_JSON_error(String id) {
        SiteClient.Response response = client.get("http://snapshots.test/api/users/" + id);

        assertThat(response.status())
                .as("bad input is the client's fault (400), never a 500: %s", response)
                .isEqualTo(400);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
        assertThat(response.json().path("error").asText())
                .as("the error says what is wrong: %s", response)
                .isNotBlank();
    }

    @Test
    void a_long_id_is_refused_without_being_sent_back() {
        String id = "7x".repeat(2_000);
        SiteClient.Response response = client.get("http://snapshots.test/api/users/" + id);

        assertThat(response.status())
                .as("an id of 4,000 characters is bad input: answered %d", response.status())
                .isEqualTo(400);
        assertThat(response.body().length())
                .as("length of the error about an id of 4,000 characters (an error says what is wrong; it does not"
                        + " send the input back: that may be long, or hold what the client should not see again)")
                .isLessThan(300);
        assertThat(response.body())
                .as("the error about an id of 4,000 characters")
                .doesNotContain("7x7x7x7x");
    }

    @Test
    void an_id_too_big_for_an_int_is_still_an_id() {
        SiteClient.Response response = client.get("http://snapshots.test/api/users/3000000000");

        assertThat(response.status())
                .as("3000000000 fits a long, so it is a valid id of a user who does not exist: %s", response)
                .isEqualTo(404);
    }
}
