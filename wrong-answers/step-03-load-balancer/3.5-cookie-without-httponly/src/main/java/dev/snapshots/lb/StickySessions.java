package dev.snapshots.lb;

final class StickySessions {

    String pinCookie(Backend backend) {
        // Wrong: only the balancer reads it, so only a path is given; scripts on the page can read it too.
        return COOKIE + "=" + backend.name() + "; Path=/; SameSite=Lax";
    }
}
