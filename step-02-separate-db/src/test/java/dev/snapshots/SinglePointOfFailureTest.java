package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.dns.DnsRegistry;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: what step 02 still cannot do. The data now outlives a web server (exercise 2.2
 * proves it), but there is still one web server: when it stops, nobody answers. Step 03 fixes that.
 */
@DisplayName("Still a single point of failure: the one web server")
class SinglePointOfFailureTest {

    @Test
    void when_the_only_web_server_stops_the_whole_site_is_down() {
        DnsRegistry dns = new DnsRegistry();
        SiteClient client = new SiteClient(dns);
        int port;
        try (InMemoryWebTier tier = InMemoryWebTier.start(dns)) {
            port = tier.webServer().address().getPort();
            var health = client.get("http://snapshots.test/health");
            assertThat(health.status())
                    .as("while it runs, the server answers: %s", health)
                    .isEqualTo(200);
        }
        for (String path : new String[] {"/", "/assets/app.css", "/api/users/1", "/health"}) {
            URI uri = URI.create("http://127.0.0.1:" + port + path);
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri), "GET " + path))
                    .as("with the web server gone, %s has nobody to answer it", path)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }
}
