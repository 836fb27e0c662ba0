package dev.snapshots.dns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

public final class GeoRouting {

    /** Wrong: the last answer per region, shared by every DNS query, in a plain map. */
    private final Map<String, String> lastAnswer = new HashMap<>();

    public String choose(Optional<String> region, Predicate<String> isUp) {
        String key = region.filter(closestFirst::containsKey).orElse(defaultRegion);
        // Wrong: keep answering the centre chosen last time while it stays up, to spare the lookup.
        String last = lastAnswer.get(key);
        if (last != null && isUp.test(last)) {
            return last;
        }
        List<String> centres = closestFirst.get(key);
        String chosen = centres.stream().filter(isUp).findFirst().orElse(centres.get(0));
        lastAnswer.put(key, chosen);
        return chosen;
    }
}
