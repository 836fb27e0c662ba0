package dev.snapshots.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a client is: address prefixes → region, the longest matching prefix winning, as GeoIP
 * databases (MaxMind, IP2Location) answer it. Provided: the course's addresses are documentation
 * ranges (RFC 5737), so no real network is named.
 */
public final class RegionTable {

    /** One prefix of the table: {@code 203.0.113.0/24 → eu}. */
    public record Prefix(byte[] network, int length, String region) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = length / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = length % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Prefix> prefixes;

    private RegionTable(List<Prefix> prefixes) {
        List<Prefix> longestFirst = new ArrayList<>(prefixes);
        longestFirst.sort(Comparator.comparingInt(Prefix::length).reversed());
        this.prefixes = List.copyOf(longestFirst);
    }

    /** A table from lines such as {@code "203.0.113.0/24 eu"}. */
    public static RegionTable of(String... lines) {
        List<Prefix> prefixes = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+");
            String[] cidr = parts[0].split("/");
            try {
                byte[] network = InetAddress.getByName(cidr[0]).getAddress();
                prefixes.add(new Prefix(network, Integer.parseInt(cidr[1]), parts[1]));
            } catch (java.net.UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("not a prefix and a region: " + line, e);
            }
        }
        return new RegionTable(prefixes);
    }

    /** The course's table: TEST-NET-3 is in Europe, TEST-NET-2 in the United States. */
    public static RegionTable course() {
        return of("203.0.113.0/24 eu", "198.51.100.0/24 us", "192.0.2.0/24 us");
    }

    /** The region of {@code address}, if a prefix holds it. */
    public Optional<String> regionOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        return prefixes.stream()
                .filter(prefix -> prefix.contains(bytes))
                .map(Prefix::region)
                .findFirst();
    }
}
