package dev.snapshots.dns;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    public String choose(Optional<String> region, Predicate<String> isUp) {
        List<String> centres =
                closestFirst.get(region.filter(closestFirst::containsKey).orElse(defaultRegion));
        // Wrong: no centre up, no answer: "nothing healthy to send anyone to".
        return centres.stream()
                .filter(isUp)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no centre is up"));
    }
}
