package dev.snapshots.dns;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Exercise 8.1: which data centre a client is sent to. Each region has its centres listed closest
 * first (a provided table, measured once, as Route 53's latency records are); a client whose region
 * is unknown is treated as a client of the default region.
 */
public final class GeoRouting {

    private final Map<String, List<String>> closestFirst;
    private final String defaultRegion;

    /**
     * Routing over {@code closestFirst} (region → its centres, closest first; every region lists every
     * centre), with clients of unknown regions counted in {@code defaultRegion}.
     */
    public GeoRouting(Map<String, List<String>> closestFirst, String defaultRegion) {
        if (!closestFirst.containsKey(defaultRegion)) {
            throw new IllegalArgumentException("the default region " + defaultRegion + " has no centres");
        }
        this.closestFirst = Map.copyOf(closestFirst);
        this.defaultRegion = defaultRegion;
    }

    /**
     * The centre for a client of {@code region} (empty or unknown: the default region's): the closest
     * centre that {@code isUp}. When no centre is up, the closest one all the same: an answer that
     * might work beats none (Route 53 "fails open" in the same way).
     */
    public String choose(Optional<String> region, Predicate<String> isUp) {
        // A region the table does not know is no reason to refuse an answer: such clients get the default's.
        List<String> centres =
                closestFirst.get(region.filter(closestFirst::containsKey).orElse(defaultRegion));
        return centres.stream().filter(isUp).findFirst().orElse(centres.get(0));
    }
}
