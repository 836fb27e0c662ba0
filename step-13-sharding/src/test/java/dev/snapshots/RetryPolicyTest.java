package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.lb.RetryPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy itself, method by method: what the balancer may repeat on another server, and how often.
 * Carried from step 03 (exercise 3.4): the property still holds, so its test stays and passes
 * on the starter.
 */
@DisplayName("Carried from step 03 · Exactly the idempotent methods are retried, and never more than 3 attempts in all")
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy();

    @ParameterizedTest(name = "{0} may be retried: {1}")
    @CsvSource({"GET, true", "HEAD, true", "OPTIONS, true", "PUT, true", "DELETE, true", "POST, false", "PATCH, false"})
    void a_failed_request_is_retried_only_if_its_method_is_idempotent(String method, boolean idempotent) {
        assertThat(policy.mayRetry(method, 1))
                .as(
                        "may a %s that failed once be sent to another server? (RFC 9110: idempotent = %s)",
                        method, idempotent)
                .isEqualTo(idempotent);
        assertThat(policy.mayRetry(method, 2))
                .as("may a %s that failed twice be sent to a third server?", method)
                .isEqualTo(idempotent);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
    void no_request_gets_more_than_three_attempts(String method) {
        assertThat(policy.mayRetry(method, RetryPolicy.MAX_ATTEMPTS))
                .as("a %s that already failed %d times gets no more attempts", method, RetryPolicy.MAX_ATTEMPTS)
                .isFalse();
        assertThat(policy.mayRetry(method, 10)).as("nor after 10 failures").isFalse();
    }
}
