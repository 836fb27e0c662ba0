package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogLine;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.SecretMasker;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 10 · No password, session id, cookie or token reaches a log line, and nobody can forge one")
class SecretsTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static CentralLogs logs;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(2).loadBalancer().logs().start();
        logs = new CentralLogs(topology.tier(LogPipeline.class));
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void secret_fields_are_masked_whole_whatever_their_case() {
        Map<String, String> secrets = Map.of(
                "password", "hunter2",
                "Cookie", "snapshots_session=abc123; snapshots_seen=4",
                "AUTHORIZATION", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
                "set-cookie", "snapshots_session=abc123; Path=/; HttpOnly",
                "session", "c2Vzc2lvbi1pZA",
                "token", "t0k3n");
        secrets.forEach((field, value) -> assertThat(SecretMasker.mask(field, value))
                .as("the value of field %s", field)
                .isEqualTo(SecretMasker.MASK));
    }

    @Test
    void secrets_inside_text_are_masked_and_what_precedes_them_stays() {
        Map<String, String> cases = Map.of(
                "refused a Credentials body: {\"email\":\"a@b.example\",\"password\":\"hunter2-secret\"}",
                "refused a Credentials body: {\"email\":\"a@b.example\",\"password\":\"****\"}",
                "user 5 logged in with session=c2Vzc2lvbi1pZA",
                "user 5 logged in with session=****",
                "retrying with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
                "retrying with Authorization: Bearer ****",
                "sent Basic dXNlcjpwYXNz to the proxy",
                "sent Basic **** to the proxy",
                "Cookie: snapshots_session=abc123; snapshots_seen=4",
                "Cookie: ****; snapshots_seen=4",
                "PASSWORD = hunter2 was refused",
                "PASSWORD = **** was refused",
                "token:'t0k3n'&next=1",
                "token:****&next=1");
        cases.forEach((text, masked) -> assertThat(SecretMasker.mask("message", text))
                .as("the message %s", text)
                .isEqualTo(masked));
    }

    @Test
    void line_breaks_are_written_out_except_in_a_stack_trace_and_harmless_text_is_left_alone() {
        assertThat(SecretMasker.mask("message", "failed login for eve\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}"))
                .as("a message with CR/LF in what a client sent")
                .isEqualTo("failed login for eve\\r\\n{\"level\":\"ERROR\",\"message\":\"forged\"}");
        assertThat(SecretMasker.mask("user_agent", "curl\n2.0"))
                .as("any field's line feed")
                .isEqualTo("curl\\n2.0");
        String trace = "java.lang.IllegalStateException: boom\n\tat dev.snapshots.X.y(X.java:1)\n";
        assertThat(SecretMasker.mask("stack_trace", trace))
                .as("a stack trace keeps its lines")
                .isEqualTo(trace);
        for (String harmless : List.of(
                "user 42 logged in",
                "GET /api/users/7 → 200 in 3 ms",
                "session tier unavailable: connection refused",
                "failed login for alice@example.com",
                "made 2 thumbnails of photo 0a1b2c",
                "2026-11-29T06:00:00.123456Z")) {
            assertThat(SecretMasker.mask("message", harmless))
                    .as("a message with no secret in it")
                    .isEqualTo(harmless);
        }
        assertThat(SecretMasker.mask("host", "127.0.0.1:8080"))
                .as("the host field")
                .isEqualTo("127.0.0.1:8080");
    }

    @Test
    void secrets_in_a_stack_trace_are_masked_and_its_lines_kept() {
        String trace = "java.lang.IllegalArgumentException: bad login body password=hunter2-in-trace\n"
                + "\tat dev.snapshots.web.LoginRoutes.login(LoginRoutes.java:42)\n"
                + "Caused by: java.lang.IllegalStateException: refused Authorization: Bearer eyJ0cmFjZQ.e30.sig\n"
                + "\tat dev.snapshots.web.JsonBody.read(JsonBody.java:7)\n";
        String expected = "java.lang.IllegalArgumentException: bad login body password=****\n"
                + "\tat dev.snapshots.web.LoginRoutes.login(LoginRoutes.java:42)\n"
                + "Caused by: java.lang.IllegalStateException: refused Authorization: Bearer ****\n"
                + "\tat dev.snapshots.web.JsonBody.read(JsonBody.java:7)\n";
        assertThat(SecretMasker.mask(SecretMasker.STACK_TRACE, trace))
                .as("10.5: a stack trace whose exceptions quote a password and a bearer token: masked, its lines kept")
                .isEqualTo(expected);
    }

    @Test
    void many_threads_masking_at_once_each_get_their_own_value_masked() throws Exception {
        // Every request thread logs at once, so mask runs on many threads at once: a thread must never get
        // another's text, nor an exception, nor a secret left in place.
        int threads = 8;
        int perThread = 3_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < perThread && wrong.size() < 3; i++) {
                        String text = "thread " + thread + " line " + i + " password=secret-" + thread + "-" + i
                                + " then Authorization: Bearer tok" + thread + "x" + i;
                        String expected =
                                "thread " + thread + " line " + i + " password=**** then Authorization: Bearer ****";
                        String masked;
                        try {
                            masked = SecretMasker.mask("message", text);
                        } catch (RuntimeException thrown) {
                            masked = "threw " + thrown;
                        }
                        if (!expected.equals(masked)) {
                            wrong.add(text + " -> " + masked);
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                wrong.addAll(result.get(20, TimeUnit.SECONDS));
            }
            assertThat(wrong)
                    .as("10.5: values masked wrong by %d threads masking %d values each at once", threads, perThread)
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void after_sign_up_login_and_probes_no_line_of_the_run_holds_a_password_session_id_cookie_or_token() {
        SiteClient client = new SiteClient(DNS);
        String email = "keeper-" + random(4) + "@example.com";
        String password = "Pw" + random(10);
        String wrongPassword = "Wrong" + random(10);
        String token = "tok" + random(12);

        SiteClient.Response created = client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"Keeper\", \"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
        assertThat(created.status()).as("sign-up: %s", created).isEqualTo(201);
        SiteClient.Response login = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        String sessionId = Sessions.sessionId(login).orElseThrow(() -> new AssertionError("no session: " + login));
        SiteClient.Response me = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/me"))
                        .header("Authorization", "Bearer " + token)
                        .GET(),
                "GET /api/me with the session cookie and a bearer token");
        assertThat(me.status()).as("/api/me: %s", me).isEqualTo(200);
        SiteClient.Response wrong = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, wrongPassword));
        assertThat(wrong.status()).as("a wrong password: %s", wrong).isEqualTo(401);
        SiteClient.Response broken = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"%s\", \"password\": \"%s\"".formatted(email, password));
        assertThat(broken.status()).as("a login body cut short: %s", broken).isEqualTo(400);
        SiteClient.Response forged = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"eve@example.com\\r\\n{\\\"level\\\":\\\"ERROR\\\",\\\"message\\\":\\\"forged\\\"}\","
                        + " \"password\": \"x\"}");
        assertThat(forged.status())
                .as("a login whose email holds CR/LF: %s", forged)
                .isEqualTo(401);

        logs.awaitLine(
                "the login's line",
                line -> line.message() != null && line.message().contains("logged in with"));
        logs.awaitLine(
                "the line of the body cut short",
                line -> line.message() != null && line.message().startsWith("refused a Credentials body"));
        logs.awaitLine(
                "the line of the forged email",
                line -> line.message() != null && line.message().startsWith("failed login for eve@example.com"));
        logs.awaitLine(
                "the access line of /api/me",
                line -> line.message() != null
                        && line.message().startsWith("GET /api/me")
                        && "web".equals(line.service()));

        List<LogLine> all = logs.all();
        Map<String, String> secrets = Map.of(
                "the password", password,
                "a wrong password", wrongPassword,
                "the session id", sessionId,
                "the bearer token", token);
        for (LogLine line : all) {
            secrets.forEach((what, secret) -> assertThat(line.json())
                    .as("a line of the run (%s) holds %s", line.message(), what)
                    .doesNotContain(secret));
            JsonNode json = CentralLogs.parse(line.json());
            json.properties().forEach(field -> {
                if (!field.getKey().equals("stack_trace")) {
                    assertThat(field.getValue().asText())
                            .as("field %s of a line: no line break (a forged line would start there)", field.getKey())
                            .doesNotContain("\n")
                            .doesNotContain("\r");
                }
            });
        }
        LogLine loggedIn = find(all, "logged in with");
        assertThat(loggedIn.message())
                .as("the login's line still says what happened")
                .contains(SecretMasker.MASK);
        LogLine access = all.stream()
                .filter(line -> "web".equals(line.service()) && line.message().startsWith("GET /api/me"))
                .findFirst()
                .orElseThrow();
        JsonNode accessJson = CentralLogs.parse(access.json());
        assertThat(accessJson.path("cookie").asText())
                .as("the cookie field of /api/me's access line: there, masked")
                .isEqualTo(SecretMasker.MASK);
        assertThat(accessJson.path("authorization").asText())
                .as("the authorization field of /api/me's access line: there, masked")
                .isEqualTo(SecretMasker.MASK);
        assertThat(find(all, "failed login for eve@example.com").message())
                .as("the forged email's line: its CR/LF written out")
                .startsWith("failed login for eve@example.com\\r\\n");
    }

    private static LogLine find(List<LogLine> lines, String text) {
        return lines.stream()
                .filter(line -> line.message() != null && line.message().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
