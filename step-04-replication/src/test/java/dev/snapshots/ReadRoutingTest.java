package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.data.DbNode;
import dev.snapshots.dns.DnsRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("4.2")
@DisplayName("4.2 Writes go to the primary, reads spread over the live replicas")
class ReadRoutingTest {

    private final DnsRegistry dns = new DnsRegistry();
    private Topology topology;
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns)
                .webServers(3)
                .loadBalancer()
                .replicas(2)
                .start();
        SiteClient writer = new SiteClient(dns);
        for (int i = 0; i < 5; i++) {
            var created = Nodes.signUp(writer, "reader" + i + "@example.com");
            assertThat(created.status()).as("set-up: %s", created).isEqualTo(201);
            ids.add(created.json().path("id").asLong());
        }
        topology.data().awaitReplication();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private Map<String, Long> reads() {
        Map<String, Long> reads = new LinkedHashMap<>();
        reads.put(
                topology.data().cluster().primary().name(),
                topology.data().cluster().primary().readsServed());
        topology.data().cluster().replicas().forEach(r -> reads.put(r.name(), r.readsServed()));
        return reads;
    }

    /** Reads from a client that never wrote anything, so no read has to wait for freshness. */
    private List<SiteClient.Response> read(int count) {
        SiteClient visitor = new SiteClient(dns);
        List<SiteClient.Response> failed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var response = visitor.get("http://snapshots.test/api/users/" + ids.get(i % ids.size()));
            if (response.status() != 200) {
                failed.add(response);
            }
        }
        return failed;
    }

    @Test
    void reads_spread_evenly_over_the_replicas_and_none_reach_the_primary() {
        var before = reads();
        assertThat(read(300)).as("4.2: reads that failed").isEmpty();
        var delta = Servers.delta(before, reads());

        assertThat(delta.get("db-1"))
                .as("4.2: reads served by the primary, of 300: %s", delta)
                .isZero();
        assertThat(delta.get("db-2"))
                .as("4.2: reads served by db-2, of 300: %s", delta)
                .isBetween(135L, 165L);
        assertThat(delta.get("db-3"))
                .as("4.2: reads served by db-3, of 300: %s", delta)
                .isBetween(135L, 165L);
    }

    @Test
    void every_write_lands_on_the_primary_and_only_there() {
        var before = reads();
        long usersBefore = Nodes.users(topology.data().cluster().primary()).size();
        SiteClient writer = new SiteClient(dns);
        for (int i = 0; i < 10; i++) {
            var created = Nodes.signUp(writer, "writer" + i + "@example.com");
            assertThat(created.status()).as("4.2: %s", created).isEqualTo(201);
        }
        var delta = Servers.delta(before, reads());

        assertThat(Nodes.users(topology.data().cluster().primary()))
                .as("4.2: the primary has the 10 new users")
                .hasSize((int) usersBefore + 10);
        assertThat(delta.get("db-2") + delta.get("db-3"))
                .as("4.2: statements the web tier sent to replicas while only writing: %s", delta)
                .isZero();
    }

    @Test
    void with_one_replica_down_every_read_goes_to_the_other() {
        DbNode down = topology.data().cluster().node("db-2");
        down.server().stop();
        var before = reads();

        assertThat(read(60)).as("4.2: reads that failed with db-2 down").isEmpty();
        var delta = Servers.delta(before, reads());

        assertThat(delta.get("db-3"))
                .as("4.2: db-3 answered every read: %s", delta)
                .isEqualTo(60);
        assertThat(delta.get("db-1"))
                .as("4.2: the primary still answered none: %s", delta)
                .isZero();
    }

    @Test
    void with_every_replica_down_reads_fall_back_to_the_primary() {
        topology.data().cluster().node("db-2").server().stop();
        topology.data().cluster().node("db-3").server().stop();
        var before = reads();

        assertThat(read(30))
                .as("4.2: reads that failed with both replicas down")
                .isEmpty();
        var delta = Servers.delta(before, reads());

        assertThat(delta.get("db-1"))
                .as("4.2: the primary answered every read: %s", delta)
                .isEqualTo(30);
    }
}
