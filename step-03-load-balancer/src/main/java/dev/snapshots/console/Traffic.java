package dev.snapshots.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A steady trickle of visitors for the console's picture to show: a GET of one address, {@value
 * #PER_SECOND} times a second, while switched on (off at first: a demo nobody watches costs
 * nothing). An answer of 5xx, or none, is a failed request. Provided code.
 */
public final class Traffic implements AutoCloseable {

    static final int PER_SECOND = 20;

    private final URI target;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private ScheduledFuture<?> running;

    public Traffic(URI target) {
        this.target = target;
    }

    /** Switches it on or off; says what it did, for the timeline. */
    public synchronized String toggle() {
        if (running != null) {
            running.cancel(false);
            running = null;
            return "traffic stopped";
        }
        running = schedule.scheduleAtFixedRate(this::visit, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
        return "traffic started: " + PER_SECOND + " requests/s to " + target.getPath();
    }

    public synchronized boolean on() {
        return running != null;
    }

    /** The button that switches it, as a fault of the console's. */
    public Fault button() {
        return new Fault("traffic", on() ? "stop the traffic" : "send traffic (" + PER_SECOND + "/s)", this::toggle);
    }

    public long sent() {
        return sent.sum();
    }

    public long failed() {
        return failed.sum();
    }

    private void visit() {
        sent.increment();
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 500) {
                failed.increment();
            }
        } catch (IOException e) {
            failed.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
