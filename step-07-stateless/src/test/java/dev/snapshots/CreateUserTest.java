package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Carried from step 01 (exercise 1.2): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 01 · Create a user: POST /api/users")
class CreateUserTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final AtomicInteger EMAILS = new AtomicInteger();
    private static InMemoryWebTier topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = InMemoryWebTier.start(DNS);
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    private static String freshEmail() {
        return "user" + EMAILS.incrementAndGet() + "@example.com";
    }

    private static SiteClient.Response signUp(String name, String email, String password) {
        return client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"%s\", \"email\": \"%s\", \"password\": \"%s\"}".formatted(name, email, password));
    }

    @Test
    void a_valid_sign_up_is_201_with_the_user_and_a_Location_header() {
        String email = freshEmail();
        SiteClient.Response response = signUp("Linus", email, "correct horse");

        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.isJson())
                .as("the new user is a JSON object: %s", response)
                .isTrue();
        long id = response.json().path("id").asLong();
        assertThat(id).as("the new user has a positive id: %s", response).isPositive();
        assertThat(response.json().path("name").asText()).as("%s", response).isEqualTo("Linus");
        assertThat(response.json().path("email").asText()).as("%s", response).isEqualTo(email);
        assertThat(response.body())
                .as("the answer never carries the password: %s", response)
                .doesNotContain("correct horse")
                .doesNotContainIgnoringCase("password");
        assertThat(response.header("Location"))
                .as("Location header of %s", response)
                .isEqualTo("/api/users/" + id);
        assertThat(topology.repository().findById(id))
                .as("user %d is stored after %s", id, response)
                .isPresent();
    }

    @Test
    void every_sign_up_gets_its_own_id() {
        SiteClient.Response first = signUp("One", freshEmail(), "password-1");
        SiteClient.Response second = signUp("Two", freshEmail(), "password-2");

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertThat(first.json().path("id").asLong())
                .as("two users, two ids")
                .isNotEqualTo(second.json().path("id").asLong());
    }

    @Test
    void the_limits_themselves_are_valid() {
        SiteClient.Response response = signUp("N".repeat(50), freshEmail(), "8chars!!");

        assertThat(response.status())
                .as("a 50-character name and an 8-character password are allowed: %s", response)
                .isEqualTo(201);
    }

    @ParameterizedTest(name = "name=[{0}] email=[{1}] password=[{2}] → 400 naming {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''            | ok@example.com   | long enough | name",
                "'   '         | ok@example.com   | long enough | name",
                "Fifty-one-characters-is-one-more-than-the-limit-xyz | ok@example.com | long enough | name",
                "Alice         | not-an-email     | long enough | email",
                "Alice         | a@b              | long enough | email",
                "Alice         | two@@example.com | long enough | email",
                "Alice         | ok@example.com   | short       | password",
            })
    void each_invalid_field_is_a_400_that_names_it(String name, String email, String password, String badField) {
        long before = topology.repository().count();
        SiteClient.Response response = signUp(name, email, password);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
        assertThat(response.json().path("fields").has(badField))
                .as("the error names the field '%s': %s", badField, response)
                .isTrue();
        assertThat(topology.repository().count())
                .as("an invalid sign-up stores nothing")
                .isEqualTo(before);
    }

    @Test
    void a_sign_up_with_no_fields_names_all_three() {
        SiteClient.Response response = client.postJson("http://snapshots.test/api/users", "{}");

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.json().path("fields").has("name"))
                .as("'name' named in %s", response)
                .isTrue();
        assertThat(response.json().path("fields").has("email"))
                .as("'email' named in %s", response)
                .isTrue();
        assertThat(response.json().path("fields").has("password"))
                .as("'password' named in %s", response)
                .isTrue();
    }

    @Test
    void a_password_longer_than_128_characters_is_refused() {
        SiteClient.Response response = signUp("Alice", freshEmail(), "p".repeat(129));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.json().path("fields").has("password"))
                .as("'password' named in %s", response)
                .isTrue();
    }

    @ParameterizedTest(name = "body [{0}] → 400")
    @ValueSource(
            strings = {
                "",
                "not json",
                "{",
                "[]",
                "null",
                "42",
                "\"x\"",
                "{\"name\": [1], \"email\": {}, \"password\": 3}",
                "{\"name\": \"Eve\", \"email\": \"eve@example.com\", \"password\": \"long enough\"} x",
                "{\"name\": \"Eve\", \"email\": \"eve@example.com\", \"password\": \"long enough\"} {}",
                "{\"name\": \"Eve\", \"email\": \"eve@example.com\", \"email\": \"ada@example.com\", \"password\": \"long enough\"}"
            })
    void a_body_that_is_not_a_sign_up_is_400_never_500(String body) {
        SiteClient.Response response = client.postJson("http://snapshots.test/api/users", body);

        assertThat(response.status())
                .as("bad input is the client's fault (400), never a 500: %s", response)
                .isEqualTo(400);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
    }

    @Test
    void an_email_is_measured_as_it_is_stored_in_lower_case() {
        // 212 characters as sent; "İ" lower-cases to two characters, so 412 as stored: over the limit.
        String email = "İ".repeat(200) + "@example.com";
        long before = topology.repository().count();
        SiteClient.Response response = signUp("Ayşe", email, "long enough");

        assertThat(response.status())
                .as(
                        "%d characters sent, %d once lower-cased: %s",
                        email.length(), email.toLowerCase(java.util.Locale.ROOT).length(), response)
                .isEqualTo(400);
        assertThat(response.json().path("fields").has("email"))
                .as("'email' named in %s", response)
                .isTrue();
        assertThat(topology.repository().count())
                .as("an email too long to store stores nothing")
                .isEqualTo(before);
    }

    /** A sign-up too long to quote whole in a failure message: the message gives its size. */
    private static SiteClient.Response postLarge(String json) {
        return client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                "POST http://snapshots.test/api/users with a " + json.length() + "-byte sign-up");
    }

    @Test
    void a_body_over_16_KiB_is_413_and_one_under_it_is_read() {
        String tooLargeBody = ("{\"name\": \"Big\", \"email\": \"%s\", \"password\": \"long enough\","
                        + " \"padding\": \"%s\"}")
                .formatted(freshEmail(), "x".repeat(20 * 1024));
        String underLimitBody = "{\"name\": \"Big\", \"email\": \"%s\", \"password\": \"short\", \"padding\": \"%s\"}"
                .formatted(freshEmail(), "x".repeat(15 * 1024));
        SiteClient.Response tooLarge = postLarge(tooLargeBody);
        SiteClient.Response underLimit = postLarge(underLimitBody);

        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.isJson())
                .as("errors are JSON objects: %s", tooLarge)
                .isTrue();
        assertThat(underLimit.status())
                .as("a body under the limit is read (and its short password refused): %s", underLimit)
                .isEqualTo(400);
        assertThat(underLimit.json().path("fields").has("password"))
                .as("'password' named in %s", underLimit)
                .isTrue();
    }

    @Test
    void an_email_already_registered_is_409_whatever_its_case() {
        String email = freshEmail();
        SiteClient.Response first = signUp("First", email, "password-1");
        SiteClient.Response again = signUp("Second", email.toUpperCase(), "password-2");

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).as("the same email twice: %s", again).isEqualTo(409);
        assertThat(again.isJson()).as("errors are JSON objects: %s", again).isTrue();
    }

    @Test
    void an_email_in_full_width_letters_is_the_same_account_as_in_plain_ones() {
        String email = freshEmail();
        // The same address in the full-width forms of its ASCII characters (U+FF01 to U+FF5E).
        String fullWidth = email.chars()
                .map(c -> c > ' ' && c < 0x7F ? c - 0x21 + 0xFF01 : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        SiteClient.Response first = signUp("Wide", fullWidth, "password-1");
        SiteClient.Response again = signUp("Narrow", email, "password-2");

        assertThat(first.status()).as("a sign-up as %s: %s", fullWidth, first).isEqualTo(201);
        assertThat(again.status())
                .as("%s after %s, which reads the same once folded (NFKC): %s", email, fullWidth, again)
                .isEqualTo(409);
    }

    @Test
    void a_name_or_email_with_control_or_direction_characters_is_400_and_stores_nothing() {
        long before = topology.repository().count();
        java.util.List<String> accepted = new java.util.ArrayList<>();
        // Written as JSON escapes: the server decodes them into the characters themselves.
        for (String odd :
                java.util.List.of("\\u0000", "\\u001b[31m", "\\r\\nINFO forged", "\\u202egpj.exe", "\\u2066x")) {
            SiteClient.Response name = signUp("Ann" + odd, freshEmail(), "long enough");
            SiteClient.Response mail = signUp("Ann", freshEmail().replace("@", odd + "@"), "long enough");
            if (name.status() != 400 || !name.json().path("fields").has("name")) {
                accepted.add("name Ann" + odd + " -> " + name);
            }
            if (mail.status() != 400 || !mail.json().path("fields").has("email")) {
                accepted.add("email with " + odd + " -> " + mail);
            }
        }
        assertThat(accepted)
                .as("sign-ups with a control or text-direction character not refused with 400 naming the field")
                .isEmpty();
        assertThat(topology.repository().count())
                .as("users stored by those sign-ups")
                .isEqualTo(before);
    }

    @Test
    void the_upper_limits_are_valid_and_the_name_is_measured_without_its_spaces() {
        String local = "user" + EMAILS.incrementAndGet() + "-";
        String email = local + "e".repeat(254 - local.length() - "@example.com".length()) + "@example.com";
        SiteClient.Response response = signUp("  " + "N".repeat(50) + "  ", email, "p".repeat(128));

        assertThat(response.status())
                .as(
                        "a 50-character name (with spaces around it), a 254-character email and a 128-character"
                                + " password are allowed: %s",
                        response)
                .isEqualTo(201);
        assertThat(response.json().path("name").asText())
                .as("the name is stored without its spaces: %s", response)
                .isEqualTo("N".repeat(50));
    }

    @Test
    void an_email_longer_than_254_characters_is_refused() {
        String email = "e".repeat(255 - "@example.com".length()) + "@example.com";
        SiteClient.Response response = signUp("Alice", email, "long enough");

        assertThat(response.status()).as("a 255-character email: %s", response).isEqualTo(400);
        assertThat(response.json().path("fields").has("email"))
                .as("'email' named in %s", response)
                .isTrue();
    }
}
