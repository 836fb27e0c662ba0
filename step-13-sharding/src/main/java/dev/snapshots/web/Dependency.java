package dev.snapshots.web;

/**
 * Something a web server talks to, and how to tell whether it answers now: the data tier, the cache,
 * the session tier. A required one is needed to serve at all; an optional one (the cache, since step
 * 05) only makes serving slower when it is gone. Provided code.
 *
 * @param name what the readiness answer calls it ("data tier")
 * @param required true when the server cannot serve without it
 * @param check returns when the dependency answers; throws when it does not
 */
public record Dependency(String name, boolean required, Check check) {

    /** One quick round trip to the dependency (a {@code SELECT 1}, a {@code PING}). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }
}
