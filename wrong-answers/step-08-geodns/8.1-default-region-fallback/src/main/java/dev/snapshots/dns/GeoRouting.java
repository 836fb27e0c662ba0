package dev.snapshots.dns;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    public String choose(Optional<String> region, Predicate<String> isUp) {
        List<String> own = closestFirst.get(region.filter(closestFirst::containsKey).orElse(defaultRegion));
        if (isUp.test(own.get(0))) {
            return own.get(0);
        }
        // Wrong: the closest centre is down, so fall back on the default region's ranking.
        List<String> fallback = closestFirst.get(defaultRegion);
        return fallback.stream().filter(isUp).findFirst().orElse(own.get(0));
    }
}
