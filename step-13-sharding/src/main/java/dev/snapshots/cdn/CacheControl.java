package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directives of a {@code Cache-Control} header (RFC 9111 §5.2), parsed: {@code public,
 * max-age=60} → {@code {public="", max-age="60"}}. Provided: reading the header is plumbing; what
 * the edge does with it is the exercises'.
 */
public record CacheControl(Map<String, String> directives) {

    /** Every {@code Cache-Control} header of {@code headers}, as one set of directives (names in lower case). */
    public static CacheControl of(HttpHeaders headers) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String header : headers.allValues("Cache-Control")) {
            for (String part : header.split(",")) {
                String directive = part.strip();
                if (directive.isEmpty()) {
                    continue;
                }
                int equals = directive.indexOf('=');
                String name = (equals < 0 ? directive : directive.substring(0, equals))
                        .strip()
                        .toLowerCase(Locale.ROOT);
                String value = equals < 0
                        ? ""
                        : unquote(directive.substring(equals + 1).strip());
                directives.putIfAbsent(name, value);
            }
        }
        return new CacheControl(Map.copyOf(directives));
    }

    /** True when the directive is there, with or without a value ({@code no-store}, {@code private}). */
    public boolean has(String directive) {
        return directives.containsKey(directive.toLowerCase(Locale.ROOT));
    }

    /**
     * A directive's value in seconds ({@code max-age=60} → 60 s); empty when the directive is absent
     * or its value is not a whole number of seconds (a cache treats a broken value as absent).
     */
    public Optional<Duration> seconds(String directive) {
        String value = directives.get(directive.toLowerCase(Locale.ROOT));
        if (value == null
                || value.isEmpty()
                || value.length() > 10
                || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
