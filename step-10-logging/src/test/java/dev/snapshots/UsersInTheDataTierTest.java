package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 02 (exercise 2.2): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 02 · Users live in the data tier, reached through JDBI")
class UsersInTheDataTierTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;
    private Jdbi db;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns).webServers(1).start();
        db = Jdbi.create(
                topology.data().config().url(),
                topology.data().config().user(),
                topology.data().config().password());
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private static String signUp(String name, String email) {
        return "{\"name\": \"%s\", \"email\": \"%s\", \"password\": \"correct horse\"}"
                .formatted(name.replace("\\", "\\\\").replace("\"", "\\\""), email);
    }

    private static SiteClient clientOf(WebServer server) {
        DnsRegistry own = new DnsRegistry();
        own.register(Topology.SITE, server.address());
        return new SiteClient(own);
    }

    @Test
    void a_new_web_server_serves_every_user_created_before() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            var created = client.postJson(
                    "http://snapshots.test/api/users", signUp("User " + i, "user" + i + "@example.com"));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            ids.add(created.json().path("id").asLong());
        }

        topology.web().stop(topology.web().servers().get(0));
        dns.register(Topology.SITE, topology.web().start("web-2").address());

        for (int i = 0; i < ids.size(); i++) {
            var read = client.get("http://snapshots.test/api/users/" + ids.get(i));
            assertThat(read.status())
                    .as("after replacing web-1 with web-2: %s", read)
                    .isEqualTo(200);
            assertThat(read.json().path("email").asText()).as("%s", read).isEqualTo("user" + (i + 1) + "@example.com");
        }
    }

    @Test
    void two_web_servers_on_one_data_tier_see_each_others_writes_at_once() {
        SiteClient viaOne = clientOf(topology.web().servers().get(0));
        SiteClient viaTwo = clientOf(topology.web().start("web-2"));

        for (int i = 0; i < 10; i++) {
            SiteClient writer = i % 2 == 0 ? viaOne : viaTwo;
            SiteClient reader = i % 2 == 0 ? viaTwo : viaOne;
            var created = writer.postJson(
                    "http://snapshots.test/api/users", signUp("Shared " + i, "shared" + i + "@example.com"));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            var read = reader.get("http://snapshots.test/api/users/"
                    + created.json().path("id").asLong());
            assertThat(read.status())
                    .as("a user written through one server, read at once through the other: %s", read)
                    .isEqualTo(200);
        }
        var count = viaOne.get("http://snapshots.test/");
        assertThat(count.body())
                .as("both servers count the same 10 users")
                .contains("<span id=\"user-count\">10</span>");
    }

    @Test
    void names_made_of_SQL_round_trip_verbatim_and_the_table_survives() {
        List<String> names = List.of("Robert'); DROP TABLE users;--", "' OR '1'='1", "x\"; --", "O'Brien");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            var created = client.postJson(
                    "http://snapshots.test/api/users", signUp(names.get(i), "sql" + i + "@example.com"));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            ids.add(created.json().path("id").asLong());
        }
        for (int i = 0; i < names.size(); i++) {
            var read = client.get("http://snapshots.test/api/users/" + ids.get(i));
            assertThat(read.json().path("name").asText())
                    .as("stored and read back verbatim: %s", read)
                    .isEqualTo(names.get(i));
        }
        long rows = db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        assertThat(rows).as("the users table survived every name").isEqualTo(names.size());
    }

    @Test
    void an_email_too_long_for_its_column_once_lower_cased_is_a_400_that_never_reaches_the_database() {
        // 212 characters as sent; "İ" lower-cases to two characters, so 412 as stored, in a VARCHAR(254).
        String email = "İ".repeat(200) + "@example.com";
        var created = client.postJson("http://snapshots.test/api/users", signUp("Ayşe", email));

        assertThat(created.status())
                .as("the client's mistake (400), not the database's error (500): %s", created)
                .isEqualTo(400);
        long rows = db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        assertThat(rows).as("rows in users after the refused sign-up").isZero();
    }

    @Test
    void an_email_with_a_quote_still_logs_in() {
        var created = client.postJson("http://snapshots.test/api/users", signUp("Dara", "o'brien@example.com"));
        var login = client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"o'brien@example.com\", \"password\": \"correct horse\"}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(login.status())
                .as("finding a user by an email with a quote in it: %s", login)
                .isEqualTo(200);
    }

    @Test
    void the_same_email_sent_to_two_servers_at_once_is_taken_exactly_once() throws Exception {
        SiteClient viaOne = clientOf(topology.web().servers().get(0));
        SiteClient viaTwo = clientOf(topology.web().start("web-2"));
        for (int round = 0; round < 5; round++) {
            String body = signUp("Racer", "race" + round + "@example.com");
            CyclicBarrier together = new CyclicBarrier(2);
            var first = CompletableFuture.supplyAsync(
                    () -> awaitThen(together, () -> viaOne.postJson("http://snapshots.test/api/users", body)));
            var second = CompletableFuture.supplyAsync(
                    () -> awaitThen(together, () -> viaTwo.postJson("http://snapshots.test/api/users", body)));
            List<Integer> statuses = List.of(
                    first.get(10, TimeUnit.SECONDS).status(),
                    second.get(10, TimeUnit.SECONDS).status());

            assertThat(statuses)
                    .as(
                            "one sign-up wins (201), the other is told the email is taken (409): %s | %s",
                            first.get(), second.get())
                    .containsExactlyInAnyOrder(201, 409);
        }
        long rows = db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        assertThat(rows).as("one row per email in the data tier").isEqualTo(5);
    }

    @Test
    void the_data_tier_holds_the_hash_never_the_password() {
        var created = client.postJson("http://snapshots.test/api/users", signUp("Hash", "hash@example.com"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        Map<String, Object> row =
                db.withHandle(h -> h.createQuery("SELECT * FROM users WHERE email = 'hash@example.com'")
                        .mapToMap()
                        .one());
        assertThat(String.valueOf(row.get("password_hash")))
                .as("the stored row %s", row)
                .startsWith("pbkdf2-sha256$")
                .doesNotContain("correct horse");
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
