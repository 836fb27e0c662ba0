package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.dns.DnsRegistry;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: this shows what step 01 cannot do. One server is one point of failure: when it
 * stops, the page, the API and the data all go with it. Every later step removes part of this.
 */
@DisplayName("Step 01's weakness, shown: the single server is a single point of failure")
class SinglePointOfFailureTest {

    @Test
    void when_the_only_server_stops_the_whole_site_is_down() {
        DnsRegistry dns = new DnsRegistry();
        SiteClient client = new SiteClient(dns);
        var address = "http://127.0.0.1:%d".formatted(startAndStop(dns, client));

        for (String path : new String[] {"/", "/assets/app.css", "/api/users/1", "/health"}) {
            assertThatThrownBy(() -> client.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + path)), "GET " + path))
                    .as("with the server gone, %s has nobody to answer it", path)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void the_data_lived_in_the_server_so_a_new_server_starts_empty() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology first = Topology.start(dns, 0)) {
            first.repository().save("Ada", "ada@example.com", "pbkdf2-sha256$1$AAAA$AAAA");
            assertThat(first.repository().count()).isEqualTo(1);
        }
        try (Topology second = Topology.start(dns, 0)) {
            assertThat(second.repository().count())
                    .as("step 01 keeps users in the web server's memory: a restart loses them (step 02 fixes this)")
                    .isZero();
        }
    }

    private static int startAndStop(DnsRegistry dns, SiteClient client) {
        int port;
        try (Topology topology = Topology.start(dns, 0)) {
            port = topology.webServer().address().getPort();
            var health = client.get("http://snapshots.test/health");
            assertThat(health.status())
                    .as("while it runs, the server answers: %s", health)
                    .isEqualTo(200);
        }
        assertThatThrownBy(() -> dns.resolve(Topology.SITE))
                .as("and DNS has nothing left to point at")
                .isInstanceOf(java.net.UnknownHostException.class);
        return port;
    }
}
