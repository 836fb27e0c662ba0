package dev.snapshots.sharding;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Which shard owns each user, also while a shard is being added. Normally the ring decides. During
 * a resharding there are two rings: the current one, which every key still follows unless it was
 * already moved, and the target one, which new users follow from the start. A key is moved under its
 * lock, so no write to it can slip in between the copy and the switch. Provided code: the moving
 * itself is exercise 13.3.
 */
public final class ShardRouter {

    private static final int STRIPES = 1_024;

    private volatile ShardMap current;
    private volatile ShardMap target;
    /** Keys whose owner is not the current ring's: moved already, or created during a resharding. */
    private final Map<Long, String> moved = new ConcurrentHashMap<>();

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /**
     * Held shared by every write, and alone by the start and the end of a resharding: a write that
     * chose its shard under the old map has landed before the resharding scans the shards for keys
     * to move, and none is half-way when the maps change.
     */
    private final ReentrantReadWriteLock phase = new ReentrantReadWriteLock();

    public ShardRouter(ShardMap map) {
        this.current = map;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The shard that holds {@code key} now. */
    public String ownerOf(long key) {
        String owner = moved.get(key);
        return owner != null ? owner : current.ownerOf(key);
    }

    /** The map every key follows once no resharding is going on. */
    public ShardMap current() {
        return current;
    }

    /** The map a resharding is moving to, or null. */
    public ShardMap target() {
        return target;
    }

    /**
     * Runs {@code write} with the shard that owns {@code key}, holding the key's lock: a resharding
     * moves no key while it is being written. A new key ({@code creating}) goes where the target ring
     * puts it, during a resharding.
     */
    public <T> T write(long key, boolean creating, Function<String, T> write) {
        ReentrantLock lock = lockOf(key);
        phase.readLock().lock();
        lock.lock();
        try {
            ShardMap moving = target;
            if (creating && moving != null) {
                String owner = moving.ownerOf(key);
                T result = write.apply(owner);
                if (!owner.equals(current.ownerOf(key))) {
                    moved.put(key, owner);
                }
                return result;
            }
            return write.apply(ownerOf(key));
        } finally {
            lock.unlock();
            phase.readLock().unlock();
        }
    }

    /** Starts a resharding to {@code map}: from now on new keys follow it. */
    public synchronized void beginMove(ShardMap map) {
        if (target != null) {
            throw new IllegalStateException("a resharding is already going on");
        }
        // Waits for the writes in flight: one that chose an old shard lands before any scan.
        phase.writeLock().lock();
        try {
            target = map;
        } finally {
            phase.writeLock().unlock();
        }
    }

    /**
     * Moves {@code key} to {@code owner} with {@code copy}, holding the key's lock: reads follow the
     * key to its new owner as soon as the copy is done. {@code copy} returns false when there was
     * nothing to copy (the user is gone), and the key is then left alone.
     */
    public void move(long key, String owner, java.util.function.BooleanSupplier copy) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            if (copy.getAsBoolean()) {
                moved.put(key, owner);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the resharding: the target ring becomes the current one for every key. */
    public synchronized void finishMove() {
        if (target == null) {
            throw new IllegalStateException("no resharding is going on");
        }
        phase.writeLock().lock();
        try {
            current = target;
            target = null;
            moved.clear();
        } finally {
            phase.writeLock().unlock();
        }
    }

    private ReentrantLock lockOf(long key) {
        return locks[(int) Math.floorMod(Hashing.hash64(key), (long) STRIPES)];
    }
}
