package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.NewUser;
import dev.snapshots.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 02 (exercise 2.1): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 02 · The schema is created when a web server starts, safely")
class SchemaTest {

    private final DnsRegistry dns = new DnsRegistry();
    private Topology topology;
    private Jdbi db;

    @BeforeEach
    void startDataTier() {
        topology = TestTopology.builder(dns).start();
        db = Jdbi.create(
                topology.data().config().url(),
                topology.data().config().user(),
                topology.data().config().password());
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void four_web_servers_starting_at_once_on_an_empty_database_all_come_up() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(4);
        List<String> failures = new ArrayList<>();
        try {
            List<Future<WebServer>> started = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String name = "web-" + i;
                started.add(starters.submit(() -> topology.web().start(name)));
            }
            for (Future<WebServer> future : started) {
                try {
                    WebServer server = future.get(20, TimeUnit.SECONDS);
                    var health = new SiteClient(dns)
                            .send(
                                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                            + server.address().getPort() + "/health")),
                                    "GET /health");
                    if (health.status() != 200) {
                        failures.add(health.toString());
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            starters.shutdownNow();
        }
        assertThat(failures)
                .as("4 web servers started at once on one empty database; these failed")
                .isEmpty();
        assertThat(topology.web().servers()).as("web servers running").hasSize(4);
    }

    @Test
    void the_users_table_has_the_columns_the_repository_needs() {
        topology.web().start("web-1");

        List<Map<String, Object>> columns = db.withHandle(h -> h.createQuery(
                        "SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns "
                                + "WHERE table_schema = 'PUBLIC' AND table_name = 'USERS' ORDER BY ordinal_position")
                .mapToMap()
                .list());
        List<Object> names = columns.stream().map(c -> c.get("column_name")).toList();
        assertThat(names)
                .as("the columns of table users: %s", columns)
                .containsExactly("ID", "NAME", "EMAIL", "PASSWORD_HASH");
        assertThat(columns)
                .as("every column is NOT NULL: %s", columns)
                .allMatch(c -> "NO".equals(c.get("is_nullable")));
        // The limits NewUser checks are the column sizes: every valid sign-up fits its row.
        assertThat(columns.get(1).get("character_maximum_length"))
                .as("name is VARCHAR(50), NewUser.MAX_NAME_LENGTH: %s", columns.get(1))
                .isEqualTo((long) NewUser.MAX_NAME_LENGTH);
        assertThat(columns.get(2).get("character_maximum_length"))
                .as("email is VARCHAR(254), NewUser.MAX_EMAIL_LENGTH: %s", columns.get(2))
                .isEqualTo((long) NewUser.MAX_EMAIL_LENGTH);
    }

    @Test
    void the_database_itself_refuses_a_second_user_with_the_same_email() {
        topology.web().start("web-1");
        String insert = "INSERT INTO users (name, email, password_hash) VALUES ('A', 'same@example.com', 'h')";
        db.useHandle(h -> h.execute(insert));

        assertThatThrownBy(() -> db.useHandle(h -> h.execute(insert)))
                .as("email must be UNIQUE in the table, so every web server is held to it")
                .isNotNull();
    }

    @Test
    void starting_another_web_server_keeps_every_row() {
        topology.web().start("web-1");
        db.useHandle(h ->
                h.execute("INSERT INTO users (name, email, password_hash) VALUES ('Ada', 'ada@example.com', 'h')"));

        topology.web().start("web-2");
        topology.web().start("web-3");

        long rows = db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        assertThat(rows)
                .as("rows in users after two more web servers applied the schema")
                .isEqualTo(1);
    }

    @Test
    void the_database_generates_the_ids() {
        topology.web().start("web-1");
        List<Long> ids = new ArrayList<>();
        for (String email : List.of("a@example.com", "b@example.com")) {
            ids.add(db.withHandle(
                    h -> h.createUpdate("INSERT INTO users (name, email, password_hash) VALUES ('X', :e, 'h')")
                            .bind("e", email)
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one()));
        }
        assertThat(ids).as("ids the database generated").doesNotHaveDuplicates().allMatch(id -> id > 0);
    }
}
