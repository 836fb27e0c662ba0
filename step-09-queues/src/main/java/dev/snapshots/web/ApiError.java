package dev.snapshots.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Every error the API returns has this shape: {@code {"error": "...", "fields": {...}}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, Map<String, String> fields) {

    public ApiError(String error) {
        this(error, Map.of());
    }
}
