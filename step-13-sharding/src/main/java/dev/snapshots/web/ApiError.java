package dev.snapshots.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Every error the API returns has this shape: {@code {"error": "...", "fields": {...}}}, and for a
 * 500 (since step 10) the id its log line can be found by: {@code "error_id": "..."}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        String error,
        Map<String, String> fields,
        @JsonProperty("error_id") String errorId) {

    public ApiError(String error) {
        this(error, Map.of(), null);
    }

    public ApiError(String error, Map<String, String> fields) {
        this(error, fields, null);
    }

    /** An unexpected failure's answer: what happened, in general, and where its details are. */
    public static ApiError internal(String errorId) {
        return new ApiError("internal error", Map.of(), errorId);
    }
}
