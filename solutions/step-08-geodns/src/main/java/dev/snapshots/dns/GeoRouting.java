package dev.snapshots.dns;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    public String choose(Optional<String> region, Predicate<String> isUp) {
        // A region the table does not know is no reason to refuse an answer: such clients get the default's.
        List<String> centres =
                closestFirst.get(region.filter(closestFirst::containsKey).orElse(defaultRegion));
        return centres.stream().filter(isUp).findFirst().orElse(centres.get(0));
    }
}
