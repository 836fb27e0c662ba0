package dev.snapshots.logging;

import java.time.Instant;

/**
 * One line as the log store keeps it: the fields it is searched by, and the line itself as it was
 * shipped ({@code json}).
 */
public record LogLine(
        long seq,
        Instant time,
        String level,
        String service,
        String host,
        String requestId,
        String errorId,
        String message,
        String json) {}
