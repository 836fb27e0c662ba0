package dev.snapshots.web;

import dev.snapshots.session.SessionStore;

final class SessionCookies {

    static String afterLogin(SessionStore sessions, String presented, long userId) {
        // Wrong: a new id for the login, but the presented one is left alive.
        return sessions.create(userId);
    }
}
