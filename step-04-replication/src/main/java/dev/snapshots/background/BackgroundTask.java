package dev.snapshots.background;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A task done again and again, every interval, on a daemon thread of its own, until closed: the
 * balancer's health checks, a replica's applier, the failover monitor. A stub the task runs into
 * (an exercise not done yet) is kept, so that a test can name the missing exercise at once instead
 * of waiting for what the task never does; any other failure is handed to the task's owner and the
 * next round tries again (a server that was down may be back). Provided code.
 */
public final class BackgroundTask implements AutoCloseable, BackgroundWork {

    private final Runnable task;
    private final Consumer<RuntimeException> onFailure;
    private final ScheduledExecutorService schedule;
    private volatile UnsupportedOperationException unfinished;

    /** A task whose failures are simply tried again next round. */
    public BackgroundTask(String threadName, Runnable task) {
        this(threadName, task, failure -> {});
    }

    /** A task whose failures (but a stub's) go to {@code onFailure}, say to be logged. */
    public BackgroundTask(String threadName, Runnable task, Consumer<RuntimeException> onFailure) {
        this.task = task;
        this.onFailure = onFailure;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The first round now, then one every {@code interval} after the end of the last. */
    public BackgroundTask start(Duration interval) {
        return start(Duration.ZERO, interval);
    }

    /** The first round after {@code first}, then one every {@code interval} after the end of the last. */
    public BackgroundTask start(Duration first, Duration interval) {
        schedule.scheduleWithFixedDelay(this::round, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void round() {
        // Nothing may escape: a scheduled task that throws is never run again.
        try {
            task.run();
        } catch (UnsupportedOperationException stub) {
            unfinished = stub;
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }

    /** The stub the task ran into, if an exercise it needs is not done yet. */
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
        return Optional.ofNullable(unfinished);
    }

    /** Stops the rounds; waits for one under way (briefly), so it cannot outlive what it uses. */
    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
