package dev.snapshots;

import dev.snapshots.web.WebServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts requests where they land: at the web servers, never at the balancer. */
final class Servers {

    /** A request every web server answers without the data tier: the load tests stay fast. */
    static final String CHEAP = "http://snapshots.test/assets/app.css";

    private Servers() {}

    /** Requests served so far, per web server name. */
    static Map<String, Long> served(List<WebServer> servers) {
        Map<String, Long> counts = new LinkedHashMap<>();
        servers.forEach(s -> counts.put(s.name(), s.requestsServed()));
        return counts;
    }

    /** What each server served between two snapshots. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, count) -> delta.put(name, count - before.getOrDefault(name, 0L)));
        return delta;
    }
}
