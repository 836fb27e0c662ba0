package dev.snapshots.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Not an exercise: how every route reads a JSON body. Exactly one object, each key once; anything
 * else is the client's mistake, answered 400 with an example of what to send.
 */
@DisplayName("JSON bodies are read strictly: one object, each key once, nothing after it")
class JsonBodyTest {

    record Credentials(String email, String password) {}

    @Test
    void one_object_is_read_and_unknown_keys_are_ignored() {
        Credentials read = JsonBody.parse(
                " {\"email\": \"ada@example.com\", \"password\": \"analytical engine\", \"remember\": true} ",
                Credentials.class);

        assertThat(read).isEqualTo(new Credentials("ada@example.com", "analytical engine"));
    }

    @ParameterizedTest(name = "body [{0}] → 400")
    @ValueSource(
            strings = {
                "{\"email\": \"ada@example.com\", \"password\": \"analytical engine\"} x",
                "{\"email\": \"ada@example.com\", \"password\": \"analytical engine\"} {}",
                "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"password\": \"analytical engine\"}",
                "[]",
                "\"x\"",
                "null",
                "12",
                "",
                "{"
            })
    void anything_but_exactly_one_object_with_each_key_once_is_a_400(String body) {
        assertThatThrownBy(() -> JsonBody.parse(body, Credentials.class))
                .as("JsonBody.parse(%s)", body)
                .isInstanceOf(BadRequestResponse.class)
                .hasMessageContaining("{\"email\": \"…\", \"password\": \"…\"}");
    }
}
