package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        // matches(), not find(): the whole header must be well-formed, or none of it is used. A
        // malformed id is replaced, never trimmed or cleaned: what arrived is not ours to repair.
        if (incoming != null && WELL_FORMED.matcher(incoming).matches()) {
            return incoming;
        }
        return newId();
    }
}
