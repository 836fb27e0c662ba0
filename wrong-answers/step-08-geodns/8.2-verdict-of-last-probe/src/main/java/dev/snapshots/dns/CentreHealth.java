package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public final class CentreHealth {

    /** Wrong: the latest verdict per balancer port, filled in when each answer arrives. */
    private final Map<Integer, Boolean> lastVerdicts = new ConcurrentHashMap<>();

    public boolean probe(InetSocketAddress balancer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.getPort() + "/health"))
                .timeout(probeTimeout)
                .GET()
                .build();
        // Wrong: never block the checker's thread: send, and answer with what the last probe found.
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) ->
                        lastVerdicts.put(balancer.getPort(), failure == null && response.statusCode() == 200));
        return lastVerdicts.getOrDefault(balancer.getPort(), true);
    }
}
