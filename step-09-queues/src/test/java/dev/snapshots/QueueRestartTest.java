package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The queue's Redis is killed with {@code kill -9} and its supervisor (as in the demos) starts a new
 * one on the same port, which replays the queue's append-only file: the jobs waiting at the kill are
 * still there and get done, and the jobs published from then on are done too, with no restart of
 * anything else. Provided code's test: the workers' part is skipped while the worker's exercises are
 * unfinished.
 */
@DisplayName("A killed queue Redis comes back by itself with its jobs, and the workers carry on")
class QueueRestartTest {

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void after_kill_9_of_the_supervised_queue_new_jobs_are_still_done() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .queue(1, QueueSettings.defaults().poll(Duration.ofMillis(100)), Duration.ZERO)
                .start()) {
            RedisServer queue = topology.photoProcessing().queue().server().supervise();
            List<String> before = PhotoJobs.queue(topology, 1, 64, 48, 1);
            awaitDoneOrAbort(topology, before, "before the kill");

            killAndAwaitRestart(queue);

            // A pooled connection to the dead server fails once; the next one reaches the new server.
            String after = await("a job published to the restarted queue")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> PhotoJobs.queue(topology, 1, 64, 48, 2).get(0), id -> true);
            PhotoJobs.awaitDone(topology, List.of(after), Duration.ofSeconds(30), "after the restart");
            assertThat(PhotoJobs.status(topology, after))
                    .as("the photo uploaded after the queue's Redis came back")
                    .isEqualTo(PhotoStatus.READY);
        }
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void jobs_waiting_when_the_queue_is_killed_are_still_there_after_the_restart_and_get_done() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .queue(0, QueueSettings.defaults().poll(Duration.ofMillis(100)), Duration.ZERO)
                .start()) {
            RedisServer queue = topology.photoProcessing().queue().server().supervise();
            List<String> waiting = PhotoJobs.queue(topology, 3, 64, 48, 1);
            assertThat(topology.photoProcessing().queue().jobQueue().depth())
                    .as("jobs queued, no worker yet")
                    .isEqualTo(3);

            killAndAwaitRestart(queue);

            long replayed = await("the queue's depth read from the restarted Redis")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> topology.photoProcessing().queue().jobQueue().depth(), depth -> true);
            assertThat(replayed)
                    .as("jobs in the queue after kill -9 and restart of its Redis (3 were waiting): an"
                            + " acknowledged upload whose job is lost stays \"queued\" for ever")
                    .isEqualTo(3);

            topology.photoProcessing().workers().start("worker-after-restart");
            awaitDoneOrAbort(topology, waiting, "after the restart");
            for (String id : waiting) {
                assertThat(PhotoJobs.status(topology, id))
                        .as("photo %s, queued before the kill", id)
                        .isEqualTo(PhotoStatus.READY);
            }
        }
    }

    /** Kills the queue's redis-server with {@code kill -9}; returns once its supervisor has started another. */
    private static void killAndAwaitRestart(RedisServer queue) {
        long killed = processId(queue).orElseThrow();
        ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
        await("the queue's Redis back on port " + queue.port() + " after kill -9 of pid " + killed)
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> processId(queue).orElse(killed), pid -> pid != killed);
    }

    /** Waits until the photos are done; skips the test while the worker's exercises are unfinished. */
    private static void awaitDoneOrAbort(Topology topology, List<String> ids, String label) {
        try {
            PhotoJobs.awaitDone(topology, ids, Duration.ofSeconds(30), label);
        } catch (UnsupportedOperationException unfinished) {
            Assumptions.abort("the workers need " + unfinished.getMessage());
        }
    }

    /** The process id the Redis on {@code server}'s port reports, or empty when none answers. */
    private static Optional<Long> processId(RedisServer server) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .password(server.password())
                .timeoutMillis(500)
                .build();
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()), config)) {
            for (String line : jedis.info("server").split("\r?\n")) {
                if (line.startsWith("process_id:")) {
                    return Optional.of(Long.parseLong(
                            line.substring("process_id:".length()).strip()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }
}
