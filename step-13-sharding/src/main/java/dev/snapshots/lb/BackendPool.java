package dev.snapshots.lb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The web servers behind the load balancer, and which of them are up. Servers can join and leave
 * while traffic flows; a new server is up until health checks say otherwise. Provided code.
 */
public final class BackendPool {

    private final List<Backend> backends = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();

    public void add(Backend backend) {
        up.put(backend.name(), true);
        backends.add(backend);
    }

    public void remove(String name) {
        backends.removeIf(b -> b.name().equals(name));
        up.remove(name);
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
