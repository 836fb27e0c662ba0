package dev.snapshots.lb;

final class StickySessions {

    Optional<Backend> pinned(String cookieValue, List<Backend> healthy) {
        return healthy.stream()
                .filter(backend -> backend.name().equals(cookieValue))
                .findFirst();
    }

    String pinCookie(Backend backend) {
        return COOKIE + "=" + backend.name() + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
