package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        // Wrong: find() is satisfied by any 8 good characters inside the header.
        if (incoming != null && WELL_FORMED.matcher(incoming).find()) {
            return incoming;
        }
        return newId();
    }
}
