package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.data.DbNode;
import dev.snapshots.dns.DnsRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 04 (exercise 4.3): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 04 · A user reads their own writes at once, even when the replicas lag")
class ReadYourWritesTest {

    private final DnsRegistry dns = new DnsRegistry();
    private Topology topology;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .start();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void with_replication_stopped_the_writer_still_sees_its_write_and_others_do_not_yet() {
        topology.cluster().replicas().forEach(r -> topology.cluster().applier(r).pause());
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "mine@example.com");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String location = "http://snapshots.test" + created.header("Location");

        long start = System.nanoTime();
        var mine = writer.get(location);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        var theirs = new SiteClient(dns).get(location);

        assertThat(mine.status())
                .as("the writer reads its own new user through any web server: %s", mine)
                .isEqualTo(200);
        assertThat(took)
                .as("and does not wait long for it (%d ms)", took.toMillis())
                .isLessThan(Duration.ofSeconds(2));
        assertThat(theirs.status())
                .as("another client, reading a lagging replica, does not see it yet: %s", theirs)
                .isEqualTo(404);
    }

    @Test
    void with_replication_running_the_writers_read_is_still_served_by_a_replica() {
        SiteClient writer = new SiteClient(dns);
        DbNode primary = topology.cluster().primary();
        long primaryReadsBefore = primary.readsServed();
        for (int i = 0; i < 10; i++) {
            var created = Nodes.signUp(writer, "fresh" + i + "@example.com");
            var read = writer.get("http://snapshots.test" + created.header("Location"));
            assertThat(read.status())
                    .as("read %d right after its write: %s", i, read)
                    .isEqualTo(200);
        }

        assertThat(primary.readsServed() - primaryReadsBefore)
                .as("reads the primary served: a replica that catches up within the wait must serve them")
                .isZero();
    }

    @Test
    void a_replica_that_already_has_the_write_is_used_without_waiting() {
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "patient@example.com");
        topology.awaitReplication();

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            var read = writer.get("http://snapshots.test" + created.header("Location"));
            assertThat(read.status()).as("%s", read).isEqualTo(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took)
                .as(
                        "10 reads of a write every replica already has took %d ms (waiting out the 500 ms each"
                                + " time would take 5 s)",
                        took.toMillis())
                .isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void a_forged_position_ahead_of_the_primary_is_ignored_not_waited_for() throws Exception {
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "target@example.com");
        topology.awaitReplication();
        DbNode primary = topology.cluster().primary();
        long primaryReadsBefore = primary.readsServed();
        HttpClient forger = HttpClient.newHttpClient();
        HttpRequest forged = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + created.header("Location")))
                .header("Cookie", "snapshots_seen=9000000000000000000")
                .build();

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> read = forger.send(forged, HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode())
                    .as("read with a forged position: %s", read.body())
                    .isEqualTo(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took)
                .as(
                        "5 reads with a position no write ever reached took %d ms (waiting 500 ms for each would"
                                + " take 2.5 s)",
                        took.toMillis())
                .isLessThan(Duration.ofMillis(1200));
        assertThat(primary.readsServed() - primaryReadsBefore)
                .as("reads the forged cookie sent to the primary")
                .isZero();
    }
}
