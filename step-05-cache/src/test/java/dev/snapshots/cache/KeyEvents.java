package dev.snapshots.cache;

import dev.snapshots.redis.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * What Redis itself did to some keys, as its keyspace notifications tell a subscriber ({@code set},
 * {@code expire}, {@code del}…): the server's account, whatever commands the client chose to send.
 * No time decides anything: {@link #since} marks the present with a message of its own, published
 * after everything the test waited for, and reads every event Redis made before that mark.
 */
final class KeyEvents implements AutoCloseable {

    private static final String KEYSPACE = "__keyspace@0__:";
    private static final String MARK = "key-events:mark";
    private static final long WAIT_SECONDS = 10;

    private final Jedis admin;
    private final Jedis subscriber;
    private final BlockingQueue<Map.Entry<String, String>> heard = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed;
    private final AtomicReference<Throwable> broken = new AtomicReference<>();
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onSubscribe(String channel, int subscriptions) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String channel, String message) {
            heard.add(Map.entry(channel, message));
        }
    };
    private final Thread listening;
    private int marks;

    private KeyEvents(RedisServer server, List<String> channels) {
        this.admin = TestRedis.admin(server);
        this.subscriber = TestRedis.patient(server);
        this.subscribed = new CountDownLatch(channels.size());
        this.listening = new Thread(
                () -> {
                    try {
                        subscriber.subscribe(listener, channels.toArray(String[]::new));
                    } catch (RuntimeException e) {
                        broken.set(e);
                    }
                },
                "key-events-" + server.port());
        this.listening.setDaemon(true);
    }

    /** Listens to the events on {@code keys} (K: keyspace; g: del, expire…; $: set…) from now on. */
    static KeyEvents listen(RedisServer server, String... keys) throws InterruptedException {
        List<String> channels = new ArrayList<>();
        for (String key : keys) {
            channels.add(KEYSPACE + key);
        }
        channels.add(MARK);
        KeyEvents events = new KeyEvents(server, channels);
        try {
            events.admin.configSet("notify-keyspace-events", "Kg$");
            events.listening.start();
            if (!events.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("set-up: not subscribed to " + channels + " within " + WAIT_SECONDS + " s"
                        + (events.broken.get() == null ? "" : ": " + events.broken.get()));
            }
            return events;
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            events.close();
            throw e;
        }
    }

    /**
     * The events on {@code key} (e.g. {@code [set, expire]}) since the last call, in order: all that
     * Redis did to it before this call, from any client. Events on the other keys are dropped.
     */
    List<String> since(String key) throws InterruptedException {
        String mark = String.valueOf(++marks);
        admin.publish(MARK, mark);
        List<String> events = new ArrayList<>();
        while (true) {
            Map.Entry<String, String> event = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("set-up: the mark published on " + MARK + " did not come back within "
                        + WAIT_SECONDS + " s" + (broken.get() == null ? "" : ": " + broken.get()));
            }
            if (event.getKey().equals(MARK) && event.getValue().equals(mark)) {
                return events;
            }
            if (event.getKey().equals(KEYSPACE + key)) {
                events.add(event.getValue());
            }
        }
    }

    @Override
    public void close() {
        try {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
            listening.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException alreadyGone) {
            // the subscription ended with its connection: closing it below is all that is left
        } finally {
            subscriber.close();
            admin.close();
        }
    }
}
