package dev.snapshots.dns;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    public String choose(Optional<String> region, Predicate<String> isUp) {
        // Wrong: an empty region gets the default's, but a region the table lacks is looked up as given.
        List<String> centres = closestFirst.get(region.orElse(defaultRegion));
        return centres.stream().filter(isUp).findFirst().orElse(centres.get(0));
    }
}
