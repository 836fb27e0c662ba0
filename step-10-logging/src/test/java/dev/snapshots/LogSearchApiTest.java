package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.LogSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The log search answers only its token's holder, and bad questions with a 4xx JSON error")
class LogSearchApiTest {

    private static LogPipeline pipeline;
    private static CentralLogs logs;

    @BeforeAll
    static void start() {
        pipeline = LogPipeline.start(LogSettings.defaults());
        logs = new CentralLogs(pipeline);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void without_the_runs_token_nothing_is_answered() {
        for (String token : java.util.Arrays.asList(
                null,
                "",
                "wrong",
                pipeline.searchToken() + "x",
                pipeline.searchToken().substring(1))) {
            CentralLogs.Answer answer = logs.get("request_id=abcdefgh", token);
            assertThat(answer.status())
                    .as("the log search with token %s: %s", token, answer)
                    .isEqualTo(401);
            assertJsonError(answer);
        }
        CentralLogs.Answer basic = logs.send(HttpRequest.newBuilder(uri("/api/logs?request_id=abcdefgh"))
                .header("Authorization", "Basic " + pipeline.searchToken())
                .GET());
        assertThat(basic.status()).as("the token sent as Basic: %s", basic).isEqualTo(401);
    }

    @Test
    void bad_questions_get_400_and_a_good_one_with_no_lines_gets_none() {
        String token = pipeline.searchToken();
        for (String query : List.of(
                "",
                "request_id=",
                "request_id=abcdefgh&error_id=abcdefgh",
                "request_id=short",
                "request_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "request_id=abc%20defgh",
                "request_id=abcdefgh%0D%0Aforged",
                "request_id=" + "a".repeat(200),
                "error_id=x'%20OR%20'1'='1",
                "request_id=abcdefgh&limit=0",
                "request_id=abcdefgh&limit=-5",
                "request_id=abcdefgh&limit=abc",
                "request_id=abcdefgh&limit=1000000",
                "request_id=abcdefgh&limit=99999999999999999999")) {
            CentralLogs.Answer answer = logs.get(query, token);
            assertThat(answer.status())
                    .as("the log search for ?%s: %s", query, answer)
                    .isEqualTo(400);
            assertJsonError(answer);
        }
        CentralLogs.Answer none = logs.get("request_id=no-such-request-0000&limit=10", token);
        assertThat(none.status()).as("a search that finds nothing: %s", none).isEqualTo(200);
        assertThat(none.json().path("count").asInt(-1))
                .as("lines found: %s", none)
                .isZero();
    }

    @Test
    void other_paths_and_methods_get_a_json_error() {
        String token = pipeline.searchToken();
        CentralLogs.Answer missing = logs.send(HttpRequest.newBuilder(uri("/api/nothing"))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(missing.status()).as("an unknown path: %s", missing).isEqualTo(404);
        assertJsonError(missing);
        CentralLogs.Answer posted = logs.send(HttpRequest.newBuilder(uri("/api/logs?request_id=abcdefgh"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(posted.status()).as("POST to the search: %s", posted).isBetween(404, 405);
        assertJsonError(posted);
    }

    @Test
    void a_request_jetty_refuses_itself_gets_a_4xx_in_json_naming_no_server_software() throws IOException {
        for (String request :
                List.of("GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "NOT HTTP AT ALL\r\n\r\n")) {
            String answer;
            try (Socket socket = new Socket()) {
                socket.connect(pipeline.searchAddress(), 2_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            String head = answer.split("\r\n\r\n", 2)[0].toLowerCase(Locale.ROOT);
            assertThat(answer)
                    .as(
                            "the log search's answer to %s",
                            request.lines().findFirst().orElse(""))
                    .startsWith("HTTP/1.1 4");
            assertThat(head).as("its headers").contains("content-type: application/json");
            assertThat(answer.toLowerCase(Locale.ROOT)).as("its answer").doesNotContain("jetty");
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + pipeline.searchAddress().getPort() + path);
    }

    private static void assertJsonError(CentralLogs.Answer answer) {
        assertThat(answer.contentType()).as("Content-Type of %s", answer).startsWith("application/json");
        assertThat(answer.json().path("error").asText())
                .as("error of %s", answer)
                .isNotBlank();
        assertThat(answer.body())
                .as("body of %s", answer)
                .doesNotContain("Exception")
                .doesNotContain("at dev.");
    }
}
