package dev.snapshots.web;

import dev.snapshots.session.SessionStore;

final class SessionCookies {

    static String afterLogin(SessionStore sessions, String presented, long userId) {
        // Wrong: a browser that already holds a live session keeps it, "to save a session".
        if (presented != null && sessions.userIdFor(presented).isPresent()) {
            return presented;
        }
        return sessions.create(userId);
    }
}
