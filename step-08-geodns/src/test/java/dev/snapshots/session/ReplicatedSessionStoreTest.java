package dev.snapshots.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Exercise 8.5 on the class itself: two session tiers side by side (no ocean between them), this
 * centre's store and the other centre's, linked through {@link PeerSessions}.
 */
@Tag("8.5")
@DisplayName(
        "8.5 A read never asks the other centre; a logout ends the session here at once, the other centre up or not")
class ReplicatedSessionStoreTest {

    private RedisServer hereServer;
    private RedisServer thereServer;
    private RedisClient hereClient;
    private RedisClient thereClient;
    private RedisSessionStore there;
    private PeerSessions peer;
    private ReplicatedSessionStore store;

    @BeforeEach
    void start() {
        hereServer = RedisServer.startTemporary(SessionPolicy.redisSettings());
        thereServer = RedisServer.startTemporary(SessionPolicy.redisSettings());
        hereClient = roomyClient(hereServer);
        thereClient = roomyClient(thereServer);
        RedisSessionStore here = new RedisSessionStore(
                hereClient, SessionPolicy.IDLE_TIMEOUT, SessionPolicy.ABSOLUTE_LIFETIME, Clock.systemUTC());
        there = new RedisSessionStore(
                thereClient, SessionPolicy.IDLE_TIMEOUT, SessionPolicy.ABSOLUTE_LIFETIME, Clock.systemUTC());
        peer = new PeerSessions();
        peer.link(there);
        store = new ReplicatedSessionStore(here, peer);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {peer, hereClient, thereClient, hereServer, thereServer}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    /** The test's own connections, with room for a slow machine (not the web tier's 500 ms). */
    private static RedisClient roomyClient(RedisServer server) {
        return RedisClients.connect("127.0.0.1", server.port(), server.password(), Duration.ofSeconds(10));
    }

    /** Waits until the other centre has made every call queued so far (or dropped it). */
    private void awaitQueueDone(long calls) {
        await("8.5: the other centre's queue has made or dropped " + calls + " calls")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> peer.sent() + peer.dropped() >= calls);
    }

    @Test
    void a_read_never_asks_the_other_centre() {
        long user = 42;
        String onlyThere = there.create(user);
        assertThat(store.userIdFor(onlyThere))
                .as("8.5: a session the other centre has and this one does not (not copied yet, or already"
                        + " logged out here): who it is, asked here")
                .isEmpty();

        String mine = store.create(user);
        assertThat(store.userIdFor(mine))
                .as("8.5: a session made here, asked here")
                .contains(user);
        await("8.5: the new session copied to the other centre")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> there.userIdFor(mine).isPresent());
    }

    @Test
    void a_logout_ends_the_session_here_at_once_even_when_the_other_centre_is_down() {
        long user = 7;
        String first = store.create(user);
        String second = store.create(user);
        String third = store.create(user);
        awaitQueueDone(3);
        assertThat(there.userIdFor(first))
                .as("8.5: the first session, copied to the other centre")
                .contains(user);

        store.delete(first);
        assertThat(store.userIdFor(first))
                .as("8.5: the session just logged out, asked here right after the logout (the other centre up)")
                .isEmpty();

        thereServer.stop();
        store.delete(second);
        assertThat(store.userIdFor(second))
                .as("8.5: a session logged out while the other centre is down, asked here right after")
                .isEmpty();
        int ended = store.deleteAll(user);
        assertThat(ended)
                .as("8.5: sessions \"log out everywhere\" ended here, the other centre down (one was left)")
                .isEqualTo(1);
        assertThat(store.userIdFor(third))
                .as("8.5: the last session after \"log out everywhere\", the other centre down")
                .isEmpty();

        // However long the queue takes to give up on the other centre, nothing here comes back.
        awaitQueueDone(5);
        assertThat(store.userIdFor(second))
                .as(
                        "8.5: the session logged out while the other centre was down, once its copy was"
                                + " made or dropped (sent %d, dropped %d)",
                        peer.sent(), peer.dropped())
                .isEmpty();
        assertThat(peer.dropped())
                .as("8.5: calls to the other centre dropped while it was down (sent %d)", peer.sent())
                .isGreaterThanOrEqualTo(1);
    }
}
