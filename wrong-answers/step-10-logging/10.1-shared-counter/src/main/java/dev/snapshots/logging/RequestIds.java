package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        if (incoming != null && WELL_FORMED.matcher(incoming).matches()) {
            return incoming;
        }
        // Wrong: a counter of our own, read and written back in two steps by every request thread.
        issued = issued + 1;
        return String.format("req-%012x", issued);
    }

    private static long issued;
}
