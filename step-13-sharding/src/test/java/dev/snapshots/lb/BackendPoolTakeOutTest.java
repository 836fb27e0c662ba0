package dev.snapshots.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Provided code: a deploy takes a server out of the balancer's pool, then stops it. Two requests
 * meet that moment, each held at its worst point by the test (as a busy machine may hold a thread):
 * one the balancer had claimed the server for and that is slow to reach it, and one that read the
 * pool just before and claims only after. {@link BackendPool#takeOut} must wait for the first, and
 * the second must be refused (the balancer then picks another server).
 */
@DisplayName("Taking a server out waits for the requests already on their way to it, and lets no new one through")
class BackendPoolTakeOutTest {

    private static final long PATIENCE_SECONDS = 10;

    @Test
    void no_request_reaches_a_server_after_it_was_taken_out_and_stopped() throws Exception {
        BackendPool pool = new BackendPool();
        Backend leaving = new Backend("web-1", new InetSocketAddress("127.0.0.1", 10_001));
        pool.add(leaving);
        pool.add(new Backend("web-2", new InetSocketAddress("127.0.0.1", 10_002)));
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch onItsWay = new CountDownLatch(1);
        CountDownLatch pickedEarly = new CountDownLatch(1);
        CountDownLatch takenOut = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> slow = threads.submit(() -> {
                if (!pool.claim(leaving)) {
                    throw new IllegalStateException("web-1 could not be claimed while in the pool");
                }
                try {
                    onItsWay.countDown();
                    Thread.sleep(100); // connecting, on a machine that is slow to run this thread
                    return stopped.get();
                } finally {
                    pool.release(leaving);
                }
            });
            Future<Boolean> late = threads.submit(() -> {
                List<Backend> healthy = pool.healthy();
                pickedEarly.countDown();
                takenOut.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                return pool.claim(healthy.get(0));
            });
            assertThat(onItsWay.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(pickedEarly.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

            pool.takeOut(leaving.name(), Duration.ofSeconds(PATIENCE_SECONDS));
            stopped.set(true);
            takenOut.countDown();

            assertThat(slow.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("the request claimed for web-1 before the take-out reached it only once web-1 had stopped")
                    .isFalse();
            assertThat(late.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("web-1, picked from the pool before the take-out, was claimed after it")
                    .isFalse();
            assertThat(pool.healthy())
                    .as("the pool after the take-out")
                    .extracting(Backend::name)
                    .containsExactly("web-2");
        } finally {
            threads.shutdownNow();
        }
    }
}
