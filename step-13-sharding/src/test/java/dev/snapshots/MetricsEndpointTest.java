package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.ServerMetrics;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Every server's /metrics answers the run's token only, in Prometheus' text format, HELP and TYPE for every family")
class MetricsEndpointTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(2).loadBalancer().start();
        SiteClient client = new SiteClient(DNS);
        for (int i = 0; i < 5; i++) {
            client.get("http://snapshots.test/api/users/" + (40 + i));
        }
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static List<InetSocketAddress> servers() {
        List<InetSocketAddress> servers = new ArrayList<>();
        servers.add(topology.loadBalancer().address());
        topology.web().servers().forEach(web -> servers.add(web.address()));
        return servers;
    }

    @Test
    void without_the_runs_token_metrics_are_refused_in_json() {
        for (InetSocketAddress server : servers()) {
            for (String token : java.util.Arrays.asList(null, "", "wrong", topology.metricsToken() + "0")) {
                HttpResponse<String> answer = MetricsClient.get(server, token);
                assertThat(answer.statusCode())
                        .as("GET /metrics on %s with token %s: %s", server, token, answer.body())
                        .isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                        .as("Content-Type of the 401")
                        .startsWith("application/json");
                assertThat(answer.body())
                        .as("the 401's body")
                        .contains("\"error\"")
                        .doesNotContain("Exception");
            }
        }
    }

    @Test
    void the_body_is_prometheus_text_format_with_help_and_type_for_every_family() {
        Pattern type = Pattern.compile("^# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)$", Pattern.MULTILINE);
        for (InetSocketAddress server : servers()) {
            HttpResponse<String> answer = MetricsClient.get(server, topology.metricsToken());
            assertThat(answer.statusCode()).as("GET /metrics on %s", server).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .as("Content-Type of /metrics on %s", server)
                    .isEqualTo(ServerMetrics.CONTENT_TYPE);
            Samples samples = MetricsClient.scrape(server, topology.metricsToken());
            assertThat(samples.all())
                    .as("series parsed from /metrics on %s", server)
                    .isNotEmpty();
            Matcher types = type.matcher(answer.body());
            int families = 0;
            while (types.find()) {
                families++;
                assertThat(answer.body())
                        .as("/metrics on %s: a HELP line for %s", server, types.group(1))
                        .containsPattern("(?m)^# HELP " + Pattern.quote(types.group(1)) + " ");
            }
            assertThat(families).as("families with a TYPE line on %s", server).isPositive();
            assertThat(samples.all())
                    .as("every series of %s is labelled with its service", server)
                    .allSatisfy(sample -> assertThat(sample.labels()).containsKey("service"));
        }
    }
}
