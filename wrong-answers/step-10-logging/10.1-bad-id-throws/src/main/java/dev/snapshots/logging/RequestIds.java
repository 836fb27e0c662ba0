package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        if (incoming == null) {
            return newId();
        }
        // Wrong: a malformed id is an attack, so the request is refused instead of given a new id.
        if (!WELL_FORMED.matcher(incoming).matches()) {
            throw new IllegalArgumentException("malformed " + HEADER + ": " + incoming);
        }
        return incoming;
    }
}
