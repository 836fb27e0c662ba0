package dev.snapshots.logging;

public final class RequestIds {

    public static String atEdge(String incoming) {
        if (incoming == null) {
            return newId();
        }
        // Wrong: a long or padded id is "repaired" (stripped, cut to the maximum) instead of replaced.
        String candidate = incoming.strip();
        if (candidate.length() > MAX_LENGTH) {
            candidate = candidate.substring(0, MAX_LENGTH);
        }
        return WELL_FORMED.matcher(candidate).matches() ? candidate : newId();
    }
}
