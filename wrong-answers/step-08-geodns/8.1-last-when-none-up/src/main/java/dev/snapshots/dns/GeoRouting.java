package dev.snapshots.dns;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    public String choose(Optional<String> region, Predicate<String> isUp) {
        List<String> centres =
                closestFirst.get(region.filter(closestFirst::containsKey).orElse(defaultRegion));
        // Wrong: when none is up, the last of the list, "the one that failed least recently".
        return centres.stream().filter(isUp).findFirst().orElse(centres.get(centres.size() - 1));
    }
}
