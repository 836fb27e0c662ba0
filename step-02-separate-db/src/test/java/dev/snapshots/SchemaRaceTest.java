package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Web servers that start in the same second apply the schema at the same moment. Starting whole
 * servers rarely lines their schema statements up on two cores; here eight threads, each with a
 * connection pool of its own (a server each), leave one start line together and call
 * {@link Schema#apply} itself, on an empty database, five times over.
 */
@Tag("2.1")
@DisplayName("2.1 Servers applying the schema at the same moment all succeed")
class SchemaRaceTest {

    private static final int SERVERS = 8;
    private static final int ROUNDS = 5;

    @Test
    void eight_servers_applying_the_schema_at_once_all_succeed() throws Exception {
        List<Database> servers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(SERVERS);
        try (DatabaseServer dataTier = DatabaseServer.startTemporary()) {
            DataTierConfig config = dataTier.config("snapshots");
            // Patient locks: a server that waits for another's CREATE must not time out on a busy machine.
            DataTierConfig patient =
                    new DataTierConfig(config.url() + ";LOCK_TIMEOUT=20000", config.user(), config.password());
            for (int s = 0; s < SERVERS; s++) {
                servers.add(Database.connect(patient));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                servers.get(0).call(handle -> handle.execute("DROP TABLE IF EXISTS users"));
                CyclicBarrier startLine = new CyclicBarrier(SERVERS);
                List<Future<?>> applied = new ArrayList<>();
                for (Database server : servers) {
                    applied.add(threads.submit(() -> {
                        startLine.await();
                        Schema.apply(server);
                        return null;
                    }));
                }
                List<String> failures = new ArrayList<>();
                for (Future<?> result : applied) {
                    try {
                        result.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        failures.add(firstLine(e.getCause()));
                    }
                }
                assertThat(failures)
                        .as(
                                "2.1: round %d of %d, %d servers applied the schema at once on an empty database;"
                                        + " these failed (a look-then-create is two steps: both servers find no"
                                        + " table, both create it)",
                                round, ROUNDS, SERVERS)
                        .isEmpty();
                long tables = servers.get(0)
                        .call(handle -> handle.createQuery(
                                        "SELECT COUNT(*) FROM"
                                                + " information_schema.tables WHERE table_schema = 'PUBLIC' AND table_name = 'USERS'")
                                .mapTo(Long.class)
                                .one());
                assertThat(tables)
                        .as("2.1: round %d, tables named users", round)
                        .isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
            servers.forEach(Database::close);
        }
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure);
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
