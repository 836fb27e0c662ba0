package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The celebrity problem (exercise 13.4): one user that everyone reads lives on one shard, and that
 * shard melts while the others idle. Each web server notices the keys it reads more than
 * {@code threshold} times within a {@code window}, and answers them from a copy it keeps for
 * {@code keep}; a write to a key drops its copy. Only a few keys are ever kept ({@code capacity}).
 */
public final class HotKeys {

    private final int threshold;
    private final Duration window;
    private final Duration keep;
    private final int capacity;
    private final LongSupplier nanos;

    public HotKeys(int threshold, Duration window, Duration keep, int capacity, LongSupplier nanos) {
        this.threshold = threshold;
        this.window = window;
        this.keep = keep;
        this.capacity = capacity;
        this.nanos = nanos;
    }

    /** 100 reads within a second make a key hot; it is kept 250 ms; at most 64 are kept. */
    public static HotKeys defaults() {
        return new HotKeys(100, Duration.ofSeconds(1), Duration.ofMillis(250), 64, System::nanoTime);
    }

    /** The user {@code id}: from its kept copy while the key is hot and the copy fresh, else from {@code load}. */
    public Optional<User> read(long id, Supplier<Optional<User>> load) {
        // TODO 13.4: count the key's reads in the current window; once past the threshold, keep what load
        //  gives (never more than `capacity` keys) and answer from it until `keep` has passed.
        //  Until then, every read goes to its shard.
        return load.get();
    }

    /** The user {@code id} was written: its copy, if any, must not be served any more. */
    public void forget(long id) {
        // TODO 13.4: drop the key's copy.
    }
}
