package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the edge buys, measured: {@value #VISITS} page loads by new visitors (nothing in their
 * browser cache) from an origin {@value #ORIGIN_MILLIS} ms away, once straight from the origin and
 * once with the assets at the CDN edge (near the visitor: no added delay). A page load is the HTML,
 * then every asset it links, fetched in parallel as a browser does. Run it with
 * {@code ./course bench step-06-cdn} (your edge with {@code --mine}).
 */
public final class Benchmark {

    static final int ORIGIN_MILLIS = 40;
    static final int VISITS = 40;

    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"([^\"]*/assets/[^\"]+)\"");

    private Benchmark() {}

    record Result(double p50Millis, long originRequests, long originBytes) {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "Origin %d ms away (each of its answers waits that long); %d page loads by new visitors.%n%n",
                ORIGIN_MILLIS, VISITS);
        System.out.printf("%-22s %12s %18s %16s%n", "", "p50 load", "origin requests", "origin bytes");
        Result origin = run(false);
        Result edge = run(true);
        print("straight from origin", origin);
        print("assets at the edge", edge);
        System.out.printf(
                "%-22s %11.1fx %17.1fx %15.1fx%n",
                "ratio",
                origin.p50Millis() / edge.p50Millis(),
                origin.originRequests() / (double) edge.originRequests(),
                origin.originBytes() / (double) edge.originBytes());
    }

    private static void print(String label, Result r) {
        System.out.printf("%-22s %9.1f ms %18d %16d%n", label, r.p50Millis(), r.originRequests(), r.originBytes());
    }

    private static Result run(boolean withEdge) throws Exception {
        DnsRegistry dns = new DnsRegistry();
        TopologyBuilder site =
                Topology.builder(dns).webServers(2).loadBalancer().originLatency(Duration.ofMillis(ORIGIN_MILLIS));
        try (Topology topology = (withEdge ? site.cdn() : site).start()) {
            HttpClient http = HttpClient.newHttpClient();
            long[] loads = new long[VISITS];
            long bytesFromOrigin = 0;
            for (int visit = 0; visit < VISITS; visit++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> page = get(http, dns, "http://" + Topology.SITE + "/");
                bytesFromOrigin += page.body().length;
                List<CompletableFuture<HttpResponse<byte[]>>> assets = new ArrayList<>();
                Matcher m = LINKED.matcher(new String(page.body(), StandardCharsets.UTF_8));
                while (m.find()) {
                    String url = m.group(1).startsWith("/") ? "http://" + Topology.SITE + m.group(1) : m.group(1);
                    assets.add(CompletableFuture.supplyAsync(() -> get(http, dns, url)));
                }
                for (CompletableFuture<HttpResponse<byte[]>> asset : assets) {
                    HttpResponse<byte[]> answer = asset.join();
                    if (!answer.request().uri().toString().contains(":" + edgePort(topology) + "/")) {
                        bytesFromOrigin += answer.body().length;
                    }
                }
                loads[visit] = System.nanoTime() - start;
            }
            long originRequests = topology.web().servers().stream()
                    .mapToLong(WebServer::requestsServed)
                    .sum();
            if (topology.edge() != null) {
                bytesFromOrigin += topology.edge().server().originBodyBytes();
            }
            Arrays.sort(loads);
            return new Result(loads[VISITS / 2] / 1e6, originRequests, bytesFromOrigin);
        }
    }

    private static int edgePort(Topology topology) {
        return topology.edge() == null ? -1 : topology.edge().server().address().getPort();
    }

    /** GET {@code url}, its host resolved by the course DNS, as the tests' clients do. */
    private static HttpResponse<byte[]> get(HttpClient http, DnsRegistry dns, String url) {
        URI uri = URI.create(url);
        try {
            InetSocketAddress address = dns.resolve(uri.getHost());
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            URI resolved = URI.create("http://127.0.0.1:" + address.getPort() + uri.getRawPath() + query);
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(resolved)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " → " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
