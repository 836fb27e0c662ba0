package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an attacker or a broken client sends, to every endpoint, through the whole site: never a
 * 5xx, never an internal detail (stack trace, class, SQL, address) in the answer. Provided: it
 * passes on the starter too, where a stub's {@code 501 "TODO S.E: …"} is the only 5xx allowed.
 * Requests go over a raw socket ({@link RawHttp}): an attacker does not ask a library's permission.
 */
@DisplayName("Bad input: no 5xx and no internals on any endpoint")
class BadInputTest {

    /** What an error answer must never show: these name the code and the machines behind the site. */
    private static final List<String> INTERNALS = List.of(
            "exception", "\tat ", "dev.snapshots", "org.h2", "jdbc", "sql", "127.0.0.1", "redis", "jedis", "jetty");

    private static final String VALID =
            "{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"password\": \"correct horse\"}";
    private static final List<String> BODIES = List.of(
            "",
            "null",
            "[]",
            "\"text\"",
            "12",
            "{",
            "{\"name\": \"Ann\"",
            VALID + " trailing",
            VALID + VALID,
            "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"name\": \"A\", \"password\": \"correct horse\"}",
            "{\"name\": 1, \"email\": [], \"password\": {}}",
            "{\"name\": null, \"email\": null, \"password\": null}",
            "[".repeat(100_000),
            "{\"name\": \"Ann\", \"email\": \"" + "İ".repeat(200) + "@example.com\", \"password\": \"correct horse\"}",
            "{\"name\": \"" + "x".repeat(10_000)
                    + "\", \"email\": \"long@example.com\", \"password\": \"correct horse\"}",
            "{\"name\": \"Ann\", \"email\": \"pw@example.com\", \"password\": \"" + "p".repeat(100_000) + "\"}",
            "{\"name\": \"A\\u0000nn\", \"email\": \"nul\\u0000@example.com\", \"password\": \"correct\\u0000horse\"}",
            "{\"name\": \"Ann\", \"email\": \"ann'; DROP TABLE users; --@example.com\", \"password\": \"correct horse\"}",
            "{\"email\": \"ann@example.com\", \"password\": \"" + "x".repeat(2_000_000) + "\"}");

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static InetSocketAddress site;

    @BeforeAll
    static void start() throws IOException {
        try {
            topology = TestTopology.start(DNS);
        } catch (UnsupportedOperationException unfinished) {
            // The site cannot start before this exercise is done: nothing to send bad input to yet.
            Assumptions.abort("the site needs " + unfinished.getMessage());
        }
        site = DNS.resolve(Topology.SITE);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    record Case(String method, String target, String headers, byte[] body) {
        static Case of(String method, String target, String headers, String body) {
            return new Case(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            String shown = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
            return method + " " + abbreviate(target)
                    + (headers.isEmpty() ? "" : " [" + abbreviate(headers.strip()) + "]")
                    + (body.length == 0 ? "" : " body(" + body.length + " B) " + shown.replace("\u0000", "\\0"));
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String id : List.of(
                "abc",
                "-1",
                "0",
                "99999999999999999999",
                "1.5",
                "%00",
                "1%3B%20DROP%20TABLE%20users",
                "%zz",
                "%C3%28")) {
            cases.add(Case.of("GET", "/api/users/" + id, "", ""));
        }
        for (String query : List.of("a=%zz", "<script>alert(1)</script>", "x=%00", "%%%", "a=" + "b".repeat(4_000))) {
            cases.add(Case.of("GET", "/?" + query, "", ""));
            cases.add(Case.of("GET", "/api/users/1?" + query, "", ""));
        }
        for (String path : List.of("/api/users", "/api/login")) {
            for (String body : BODIES) {
                cases.add(Case.of("POST", path, "Content-Type: application/json\r\n", body));
            }
            cases.add(Case.of("POST", path, "Content-Type: text/plain\r\n", VALID));
            cases.add(new Case("POST", path, "Content-Type: application/json\r\n", new byte[] {
                '{', '"', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'
            }));
        }
        for (String cookie : List.of(
                "snapshots_session=' OR 1=1 --",
                "snapshots_session=" + "a".repeat(4_000),
                "snapshots_seen=-5",
                "snapshots_seen=abc",
                "snapshots_seen=99999999999999999999999",
                "snapshots_seen=9223372036854775807",
                "snapshots_lb=../../etc/passwd",
                "snapshots_lb=%zz")) {
            for (String target : List.of("/", "/api/users/1", "/api/me")) {
                cases.add(Case.of("GET", target, "Cookie: " + cookie + "\r\n", ""));
            }
            cases.add(Case.of("POST", "/api/logout", "Cookie: " + cookie + "\r\n", ""));
        }
        cases.add(Case.of("DELETE", "/api/users/1", "", ""));
        cases.add(Case.of("PATCH", "/api/me", "Content-Type: application/json\r\n", "{}"));
        cases.add(Case.of("OPTIONS", "/api/users", "", ""));
        cases.add(Case.of("GET", "/api/users/1", "X-Forwarded-For: <script>, ::::, 999.1.1.1\r\n", ""));
        cases.add(Case.of("GET", "/static/../../../../etc/passwd", "", ""));
        cases.add(Case.of("GET", "/health", "", ""));
        return cases.stream();
    }

    @Test
    void no_endpoint_answers_bad_input_with_a_5xx_or_an_internal_detail() throws Exception {
        List<Case> requests = cases().toList();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<String> problems = new ArrayList<>();
        try {
            List<Future<Optional<String>>> checked = new ArrayList<>();
            for (Case request : requests) {
                checked.add(clients.submit(() -> problem(request, send(request))));
            }
            for (Future<Optional<String>> check : checked) {
                check.get(30, TimeUnit.SECONDS).ifPresent(problems::add);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(problems)
                .as(
                        "%d of %d bad requests got a 5xx or showed internals:%n%s",
                        problems.size(), requests.size(), String.join(System.lineSeparator(), problems))
                .isEmpty();
    }

    /** What is wrong with the answer to {@code request}, if anything. */
    private static Optional<String> problem(Case request, RawHttp.Answer answer) {
        boolean unfinishedExercise = answer.status() == 501 && answer.body().contains("TODO");
        if ((answer.status() >= 500 || answer.status() < 0) && !unfinishedExercise) {
            return Optional.of(request + " → " + answer.status() + " "
                    + abbreviate(answer.status() < 0 ? "no HTTP answer: " + answer.head() : answer.body()));
        }
        if (answer.status() >= 400 && !unfinishedExercise) {
            String body = answer.body().toLowerCase(Locale.ROOT);
            for (String internal : INTERNALS) {
                if (body.contains(internal)) {
                    return Optional.of(request + " → " + answer.status() + " names \"" + internal + "\": "
                            + abbreviate(answer.body()));
                }
            }
        }
        return Optional.empty();
    }

    /** One request on a fresh connection, sent as it is. */
    private static RawHttp.Answer send(Case request) throws IOException {
        return RawHttp.exchange(site, request.method(), request.target(), request.headers(), request.body());
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 70) + "…(" + text.length() + " chars)";
    }
}
