package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.dns.DnsRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("4.3")
@DisplayName("4.3 A user reads their own writes at once, even when the replicas lag")
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
    void with_replication_stopped_the_writer_still_sees_its_write_and_others_do_not_yet() throws Exception {
        topology.data()
                .cluster()
                .replicas()
                .forEach(r -> topology.data().cluster().applier(r).pause());
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "mine@example.com");
        assertThat(created.status()).as("4.3: %s", created).isEqualTo(201);
        String location = "http://snapshots.test" + created.header("Location");

        // Interleaved with a stranger's read of the same user, which waits for nothing (it has no
        // position of its own): the difference of the medians is the writer's wait, whatever the load.
        List<Duration> mineTook = new ArrayList<>();
        List<Duration> theirsTook = new ArrayList<>();
        SiteClient stranger = new SiteClient(dns);
        for (int i = 0; i < 3; i++) {
            var mine = timed(() -> writer.get(location), mineTook);
            var theirs = timed(() -> stranger.get(location), theirsTook);
            assertThat(mine.status())
                    .as("4.3: the writer reads its own new user through any web server: %s", mine)
                    .isEqualTo(200);
            assertThat(theirs.status())
                    .as("4.3: another client, reading a lagging replica, does not see it yet: %s", theirs)
                    .isEqualTo(404);
        }
        Duration waited = median(mineTook).minus(median(theirsTook));
        assertThat(waited)
                .as(
                        "4.3: and does not wait long for it: its reads took %d ms more than a stranger's (medians"
                                + " of %s and %s ms; the wait for a replica is %d ms at most, then the primary)",
                        waited.toMillis(),
                        millis(mineTook),
                        millis(theirsTook),
                        ReplicatedDatabase.FRESHNESS_WAIT.toMillis())
                .isLessThan(ReplicatedDatabase.FRESHNESS_WAIT.plusSeconds(1));
    }

    @Test
    void with_replication_running_the_writers_read_is_still_served_by_a_replica() {
        SiteClient writer = new SiteClient(dns);
        DbNode primary = topology.data().cluster().primary();
        long primaryReadsBefore = primary.readsServed();
        int reads = 20;
        for (int i = 0; i < reads; i++) {
            var created = Nodes.signUp(writer, "fresh" + i + "@example.com");
            var read = writer.get("http://snapshots.test" + created.header("Location"));
            assertThat(read.status())
                    .as("4.3: read %d right after its write: %s", i, read)
                    .isEqualTo(200);
        }

        // A replica applies every 20 ms, so it catches up well within the wait; on a machine short of
        // CPU an applier can miss the wait now and then, and the primary serving that read is right.
        // A read that does not wait for a replica goes to the primary about 7 times in 10.
        assertThat(primary.readsServed() - primaryReadsBefore)
                .as(
                        "4.3: of the writer's %d reads, the primary served (a replica that catches up within the"
                                + " wait must serve them; a few may miss it on a busy machine)",
                        reads)
                .isLessThanOrEqualTo(reads / 5);
    }

    @Test
    void a_replica_that_already_has_the_write_is_used_without_waiting() throws Exception {
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "patient@example.com");
        topology.data().awaitReplication();

        String location = "http://snapshots.test" + created.header("Location");
        SiteClient stranger = new SiteClient(dns);
        List<Duration> writerTook = new ArrayList<>();
        List<Duration> strangerTook = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var read = timed(() -> writer.get(location), writerTook);
            assertThat(read.status()).as("4.3: %s", read).isEqualTo(200);
            var plain = timed(() -> stranger.get(location), strangerTook);
            assertThat(plain.status()).as("4.3: %s", plain).isEqualTo(200);
        }
        Duration waited = median(writerTook).minus(median(strangerTook));

        assertThat(waited)
                .as(
                        "4.3: the writer's reads of a write every replica already has took %d ms more than a"
                                + " stranger's (medians of %s and %s ms): waiting out the %d ms each time would add it",
                        waited.toMillis(),
                        millis(writerTook),
                        millis(strangerTook),
                        ReplicatedDatabase.FRESHNESS_WAIT.toMillis())
                .isLessThan(ReplicatedDatabase.FRESHNESS_WAIT.dividedBy(2));
    }

    @Test
    void a_forged_position_ahead_of_the_primary_is_ignored_not_waited_for() throws Exception {
        SiteClient writer = new SiteClient(dns);
        var created = Nodes.signUp(writer, "target@example.com");
        topology.data().awaitReplication();
        DbNode primary = topology.data().cluster().primary();
        long primaryReadsBefore = primary.readsServed();
        HttpClient forger = HttpClient.newHttpClient();
        HttpRequest forged = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + created.header("Location")))
                .header("Cookie", "snapshots_seen=9000000000000000000")
                .build();

        HttpRequest plain = HttpRequest.newBuilder(forged.uri()).build();
        List<Duration> forgedTook = new ArrayList<>();
        List<Duration> plainTook = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> read =
                    timed(() -> forger.send(forged, HttpResponse.BodyHandlers.ofString()), forgedTook);
            assertThat(read.statusCode())
                    .as("4.3: read with a forged position: %s", read.body())
                    .isEqualTo(200);
            HttpResponse<String> unforged =
                    timed(() -> forger.send(plain, HttpResponse.BodyHandlers.ofString()), plainTook);
            assertThat(unforged.statusCode())
                    .as("4.3: read without a position: %s", unforged.body())
                    .isEqualTo(200);
        }
        Duration waited = median(forgedTook).minus(median(plainTook));

        assertThat(waited)
                .as(
                        "4.3: reads with a position no write ever reached took %d ms more than reads without one"
                                + " (medians of %s and %s ms): waiting %d ms for each would add it",
                        waited.toMillis(),
                        millis(forgedTook),
                        millis(plainTook),
                        ReplicatedDatabase.FRESHNESS_WAIT.toMillis())
                .isLessThan(ReplicatedDatabase.FRESHNESS_WAIT.dividedBy(2));
        assertThat(primary.readsServed() - primaryReadsBefore)
                .as("4.3: reads the forged cookie sent to the primary")
                .isZero();
    }

    /** A request that the test times, adding how long it took to {@code took}. */
    private static <T> T timed(Callable<T> request, List<Duration> took) throws Exception {
        long start = System.nanoTime();
        T answer = request.call();
        took.add(Duration.ofNanos(System.nanoTime() - start));
        return answer;
    }

    private static Duration median(List<Duration> took) {
        List<Duration> sorted = took.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> millis(List<Duration> took) {
        return took.stream().map(Duration::toMillis).toList();
    }
}
