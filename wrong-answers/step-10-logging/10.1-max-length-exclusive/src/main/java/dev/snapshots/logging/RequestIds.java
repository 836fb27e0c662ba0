package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        // Wrong: "shorter than the maximum" read as strictly shorter: a 128-character id is replaced.
        if (incoming != null
                && incoming.length() < MAX_LENGTH
                && WELL_FORMED.matcher(incoming).matches()) {
            return incoming;
        }
        return newId();
    }
}
