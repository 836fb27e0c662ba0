package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Carried from step 05 · After a write, nobody reads the old value from the cache")
class CacheWriteTest {

    @Test
    void after_a_rename_every_reader_through_any_web_server_sees_the_new_name_at_once() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .cache(Duration.ofSeconds(60))
                .start()) {
            SiteClient ada = new SiteClient(dns);
            var created = Nodes.signUp(ada, "ada@example.com");
            String user = "http://snapshots.test" + created.header("Location");
            topology.data().awaitReplication();
            for (int i = 0; i < 3; i++) {
                new SiteClient(dns).get(user); // now cached
            }
            var login = ada.postJson(
                    "http://snapshots.test/api/login",
                    "{\"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
            assertThat(login.status()).as("set-up: %s", login).isEqualTo(200);

            var renamed = ada.send(
                    HttpRequest.newBuilder(ada.resolve("http://snapshots.test/api/me"))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Countess Lovelace\"}")),
                    "PUT /api/me");
            assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);

            for (int i = 0; i < 9; i++) {
                var read = new SiteClient(dns).get(user);
                assertThat(read.json().path("name").asText())
                        .as(
                                "read %d right after the rename, by another client (served by %s)",
                                i, read.header("X-Served-By"))
                        .isEqualTo("Countess Lovelace");
            }
        }
    }
}
