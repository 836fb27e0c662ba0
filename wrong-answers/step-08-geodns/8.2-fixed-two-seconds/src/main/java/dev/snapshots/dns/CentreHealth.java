package dev.snapshots.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public final class CentreHealth {

    public boolean probe(InetSocketAddress balancer) {
        // Wrong: a deadline, but a "generous" fixed 2 s instead of probeTimeout.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.getPort() + "/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
