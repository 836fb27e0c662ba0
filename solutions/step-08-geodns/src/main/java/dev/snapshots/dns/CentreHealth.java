package dev.snapshots.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public final class CentreHealth {

    public boolean probe(InetSocketAddress balancer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.getPort() + "/health"))
                .timeout(probeTimeout)
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // refused, reset or timed out: all the same to a client
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void record(String centre, boolean healthy) {
        // One thread probes, but merge keeps each update whole anyway.
        int streak =
                streaks.merge(centre, healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        if (!healthy && -streak >= fall) {
            down.add(centre);
        } else if (healthy && streak >= rise) {
            down.remove(centre);
        }
    }
}
