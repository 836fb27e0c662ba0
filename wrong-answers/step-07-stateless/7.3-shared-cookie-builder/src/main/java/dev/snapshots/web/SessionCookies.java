package dev.snapshots.web;

final class SessionCookies {

    private static final StringBuilder COOKIE = new StringBuilder();

    static String setCookie(String sessionId, boolean https) {
        // Wrong: one builder reused by every login, to save an allocation; logins at once mix their cookies.
        COOKIE.setLength(0);
        COOKIE.append(NAME).append('=').append(sessionId).append("; Path=/; HttpOnly; SameSite=Lax");
        if (https) {
            COOKIE.append("; Secure");
        }
        return COOKIE.toString();
    }
}
