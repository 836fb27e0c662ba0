package dev.snapshots.lb;

final class StickySessions {

    Optional<Backend> pinned(String cookieValue, List<Backend> healthy) {
        return healthy.stream()
                .filter(backend -> address(backend).equals(cookieValue))
                .findFirst();
    }

    String pinCookie(Backend backend) {
        // Wrong: the pin names the server by its address, which is unique even if two servers share a name.
        return COOKIE + "=" + address(backend) + "; Path=/; HttpOnly; SameSite=Lax";
    }

    private static String address(Backend backend) {
        return backend.address().getHostString() + ":" + backend.address().getPort();
    }
}
