package dev.snapshots.lb;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web servers behind the load balancer, and which of them are up. Servers can join and leave
 * while traffic flows; a new server is up until health checks say otherwise. Since step 12 it also
 * counts the requests on their way to each server, so that a deploy taking one out can wait for the
 * requests the balancer had already picked it for ({@link #takeOut}). Provided code.
 */
public final class BackendPool {

    private final List<Backend> backends = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    /** Per backend: requests picked for it whose answer (or failure) has not come back yet. */
    private final Map<String, AtomicInteger> onTheirWay = new ConcurrentHashMap<>();

    public void add(Backend backend) {
        up.put(backend.name(), true);
        backends.add(backend);
    }

    public void remove(String name) {
        backends.removeIf(b -> b.name().equals(name));
        up.remove(name);
    }

    /**
     * Takes {@code name} out, then waits (at most {@code limit}) until no request picked for it before
     * is still on its way: a server stopped after this gets no request it cannot answer, however
     * long a busy machine kept a request between its pick and its connection.
     */
    public void takeOut(String name, Duration limit) throws InterruptedException {
        remove(name);
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicInteger count = onTheirWay.get(name);
        while (count != null && count.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /**
     * Counts a request on its way to {@code backend}, picked from this pool; false (and not counted)
     * when the backend has left the pool since the pick, and another must be picked. Counting first
     * and looking second is what lets {@link #takeOut} trust a count of zero: a request counted
     * after it looked sees the backend gone.
     */
    public boolean claim(Backend backend) {
        AtomicInteger count = onTheirWay.computeIfAbsent(backend.name(), name -> new AtomicInteger());
        count.incrementAndGet();
        if (backends.contains(backend)) {
            return true;
        }
        count.decrementAndGet();
        return false;
    }

    /** The request {@link #claim}ed for {@code backend} is answered, or has failed. */
    public void release(Backend backend) {
        onTheirWay.get(backend.name()).decrementAndGet();
    }

    /** Every backend, up or down, in the order they joined. */
    public List<Backend> all() {
        return List.copyOf(backends);
    }

    /** The backends that are up, in the order they joined: the ones that may get traffic. */
    public List<Backend> healthy() {
        return backends.stream().filter(b -> up.getOrDefault(b.name(), false)).toList();
    }

    public Optional<Backend> byName(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public boolean isUp(String name) {
        return up.getOrDefault(name, false);
    }

    public void markDown(Backend backend) {
        up.computeIfPresent(backend.name(), (name, wasUp) -> false);
    }

    public void markUp(Backend backend) {
        up.computeIfPresent(backend.name(), (name, wasUp) -> true);
    }
}
