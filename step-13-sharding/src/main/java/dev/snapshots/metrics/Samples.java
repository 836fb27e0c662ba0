package dev.snapshots.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.Summary;

/**
 * One scrape's series, as Prometheus stores them: a name, labels and a value each (a histogram is
 * its {@code _bucket}, {@code _count} and {@code _sum} series). Parsed from the text format by a
 * parser written for Prometheus' own format (Hawkular's), not by the course. Provided code.
 */
public record Samples(List<Sample> all) {

    /** One series' value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** Parses a {@code /metrics} body; an {@link IOException} if it is not the text format. */
    public static Samples parse(String body) throws IOException {
        List<Sample> samples = new ArrayList<>();
        TextPrometheusMetricDataParser parser =
                new TextPrometheusMetricDataParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
            for (Metric metric : family.getMetrics()) {
                add(samples, family, metric);
            }
        }
        return new Samples(List.copyOf(samples));
    }

    private static void add(List<Sample> samples, MetricFamily family, Metric metric) {
        Map<String, String> labels = metric.getLabels();
        String name = family.getName();
        if (metric instanceof Counter counter) {
            samples.add(new Sample(name, labels, counter.getValue()));
        } else if (metric instanceof Gauge gauge) {
            samples.add(new Sample(name, labels, gauge.getValue()));
        } else if (metric instanceof Histogram histogram) {
            samples.add(new Sample(name + "_count", labels, histogram.getSampleCount()));
            samples.add(new Sample(name + "_sum", labels, histogram.getSampleSum()));
            for (Histogram.Bucket bucket : histogram.getBuckets()) {
                Map<String, String> withLe = new LinkedHashMap<>(labels);
                withLe.put("le", String.valueOf(bucket.getUpperBound()));
                samples.add(new Sample(name + "_bucket", Map.copyOf(withLe), bucket.getCumulativeCount()));
            }
        } else if (metric instanceof Summary summary) {
            samples.add(new Sample(name + "_count", labels, summary.getSampleCount()));
            samples.add(new Sample(name + "_sum", labels, summary.getSampleSum()));
        }
    }

    /** The series called {@code name} whose labels include every one of {@code labels}. */
    public List<Sample> matching(String name, Map<String, String> labels) {
        return all.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** The sum of those series' values (0 with none). */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
