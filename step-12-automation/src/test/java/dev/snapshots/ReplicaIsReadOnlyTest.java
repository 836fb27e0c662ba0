package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.data.DbNode;
import dev.snapshots.dns.DnsRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Not an exercise: the provided read-only connection. A write sent to a replica is refused there. */
@DisplayName("A replica refuses writes from the web tier")
class ReplicaIsReadOnlyTest {

    @Test
    void an_insert_through_the_read_only_connection_is_refused_and_changes_nothing() {
        try (Topology topology = TestTopology.builder(new DnsRegistry())
                .webServers(1)
                .loadBalancer()
                .replicas(1)
                .start()) {
            DbNode replica = topology.data().cluster().replicas().get(0);

            assertThatThrownBy(
                            () -> replica.reader()
                                    .call(
                                            h -> h.execute(
                                                    "INSERT INTO users (name, email, password_hash) VALUES ('x', 'x@example.com', 'h')")))
                    .as("the reader user may only SELECT")
                    .isNotNull();
            assertThat(Nodes.users(replica)).as("rows on the replica").isEmpty();
        }
    }
}
