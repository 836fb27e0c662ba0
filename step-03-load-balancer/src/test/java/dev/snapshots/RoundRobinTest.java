package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.RoundRobin;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("3.2")
@DisplayName("3.2 Round robin spreads requests evenly over the web servers")
class RoundRobinTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;

    /** Three web servers behind the balancer; the test that only asks {@link RoundRobin} needs none. */
    private void startSite() {
        topology = TestTopology.builder(dns).webServers(3).loadBalancer().start();
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private void get(int times) {
        for (int i = 0; i < times; i++) {
            var response = client.get(Servers.CHEAP);
            assertThat(response.status()).as("3.2: request %d: %s", i, response).isEqualTo(200);
        }
    }

    @Test
    void three_servers_60_requests_exactly_20_each() {
        startSite();
        var before = Servers.served(topology.web().servers());
        get(60);
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta)
                .as("3.2: requests served per web server, counted at the servers")
                .isEqualTo(Map.of("web-1", 20L, "web-2", 20L, "web-3", 20L));
    }

    @Test
    void eight_clients_at_once_still_get_exactly_even_shares() throws Exception {
        startSite();
        var before = Servers.served(topology.web().servers());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                SiteClient own = new SiteClient(dns);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 24; i++) {
                        var response = own.get(Servers.CHEAP);
                        assertThat(response.status()).as("3.2: %s", response).isEqualTo(200);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta)
                .as("3.2: 192 concurrent requests, per web server (a counter that is not thread-safe loses turns)")
                .isEqualTo(Map.of("web-1", 64L, "web-2", 64L, "web-3", 64L));
    }

    @Test
    void a_fourth_server_takes_a_quarter_of_the_next_80_requests() {
        startSite();
        get(30);
        topology.addWebServer("web-4");
        var before = Servers.served(topology.web().servers());
        get(80);
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta)
                .as("3.2: the next 80 requests after web-4 joined")
                .isEqualTo(Map.of("web-1", 20L, "web-2", 20L, "web-3", 20L, "web-4", 20L));
    }

    @Test
    void a_server_taken_out_of_the_pool_gets_nothing_more() {
        startSite();
        topology.loadBalancer().pool().remove("web-2");
        var before = Servers.served(topology.web().servers());
        get(40);
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(delta)
                .as("3.2: after web-2 left the pool")
                .isEqualTo(Map.of("web-1", 20L, "web-2", 0L, "web-3", 20L));
    }

    @Test
    void every_backend_takes_its_turn_before_any_takes_a_second() {
        RoundRobin roundRobin = new RoundRobin();
        List<Backend> backends = List.of(backend("a"), backend("b"), backend("c"));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            picks.add(roundRobin.next(backends).name());
        }

        for (int i = 0; i < 9; i += 3) {
            assertThat(picks.subList(i, i + 3))
                    .as("3.2: picks %s, in threes", picks)
                    .containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    private static Backend backend(String name) {
        return new Backend(name, new InetSocketAddress("127.0.0.1", 1));
    }
}
