package dev.snapshots.lb;

final class StickySessions {

    Optional<Backend> pinned(String cookieValue, List<Backend> healthy) {
        // Wrong: a pin to a server that is down (or unknown) is moved to the first live server.
        return Optional.of(healthy.stream()
                .filter(backend -> backend.name().equals(cookieValue))
                .findFirst()
                .orElse(healthy.get(0)));
    }
}
