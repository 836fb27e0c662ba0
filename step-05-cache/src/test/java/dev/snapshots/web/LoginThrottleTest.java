package dev.snapshots.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.http.BalancerProof;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: the login throttle every web server keeps, driven directly with a clock the test
 * moves by hand, so a minute passes without waiting one.
 */
@DisplayName("Login throttling: failed logins per account and per address, within a window")
class LoginThrottleTest {

    private static final String ACCOUNT = "ada@example.com";
    private static final String ADDRESS = "203.0.113.7";

    /** A clock that stands still until the test moves it. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(int times, String account, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    @Test
    void five_failures_for_an_account_throttle_it_until_the_window_ends() {
        fail(LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1, ACCOUNT, ADDRESS);
        assertThat(throttle.waitFor(ACCOUNT, ADDRESS))
                .as("after %d failures", LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1)
                .isZero();

        clock.advance(Duration.ofSeconds(20));
        fail(1, ACCOUNT, ADDRESS);
        assertThat(throttle.waitFor(ACCOUNT, "198.51.100.1"))
                .as("after %d failures, 20 s into the window, from any address", LoginThrottle.MAX_FAILURES_PER_ACCOUNT)
                .isEqualTo(Duration.ofSeconds(40));
        assertThat(throttle.waitFor("grace@example.com", ADDRESS))
                .as("another account from the same address")
                .isZero();

        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.waitFor(ACCOUNT, ADDRESS))
                .as("a minute after the first failure")
                .isZero();
        fail(1, ACCOUNT, ADDRESS);
        assertThat(throttle.waitFor(ACCOUNT, ADDRESS))
                .as("one failure in a new window")
                .isZero();
        fail(LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1, ACCOUNT, ADDRESS);
        assertThat(throttle.waitFor(ACCOUNT, ADDRESS))
                .as("%d failures in the new window, all at its start", LoginThrottle.MAX_FAILURES_PER_ACCOUNT)
                .isEqualTo(LoginThrottle.WINDOW);
    }

    @Test
    void a_successful_login_clears_its_accounts_failures_but_not_its_addresss() {
        fail(LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1, ACCOUNT, ADDRESS);
        throttle.succeeded(ACCOUNT);
        fail(LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1, ACCOUNT, ADDRESS);

        assertThat(throttle.waitFor(ACCOUNT, "198.51.100.1"))
                .as(
                        "%d failures, a success, %d failures",
                        LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1, LoginThrottle.MAX_FAILURES_PER_ACCOUNT - 1)
                .isZero();
        fail(1, ACCOUNT, ADDRESS);
        assertThat(throttle.waitFor(ACCOUNT, "198.51.100.1"))
                .as("%d failures since the success", LoginThrottle.MAX_FAILURES_PER_ACCOUNT)
                .isPositive();
    }

    @Test
    void twenty_failures_from_an_address_throttle_it_whatever_account_it_tries() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(throttle.waitFor("user" + i + "@example.com", ADDRESS))
                    .as("attempt %d from %s, each on another account", i + 1, ADDRESS)
                    .isZero();
            throttle.failed("user" + i + "@example.com", ADDRESS);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(throttle.waitFor("fresh@example.com", ADDRESS))
                .as(
                        "a fresh account from an address with %d failures in %d s",
                        LoginThrottle.MAX_FAILURES_PER_ADDRESS, LoginThrottle.MAX_FAILURES_PER_ADDRESS)
                .isEqualTo(Duration.ofSeconds(60 - LoginThrottle.MAX_FAILURES_PER_ADDRESS));
        assertThat(throttle.waitFor(null, ADDRESS))
                .as("a login that names no account, from the same address")
                .isPositive();
        assertThat(throttle.waitFor("fresh@example.com", "198.51.100.1"))
                .as("the same fresh account from another address")
                .isZero();
    }

    @Test
    void the_address_is_the_one_the_balancer_saw_and_only_the_balancer_is_believed() {
        String proof = BalancerProof.secret();
        assertThat(LoginThrottle.clientAddress("127.0.0.1", null, proof))
                .as("the balancer, without X-Forwarded-For")
                .isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.clientAddress("127.0.0.1", "203.0.113.7", proof))
                .as("the balancer, forwarding 203.0.113.7")
                .isEqualTo("203.0.113.7");
        assertThat(LoginThrottle.clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.7", proof))
                .as("a client that sent its own X-Forwarded-For: 6.6.6.6, which the balancer kept")
                .isEqualTo("203.0.113.7");
        assertThat(LoginThrottle.clientAddress("127.0.0.1", "203.0.113.7", null))
                .as("a local program sending straight to the web server names any address it likes: ignored")
                .isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.clientAddress("127.0.0.1", "203.0.113.7", proof + "x"))
                .as("a wrong secret: ignored")
                .isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.clientAddress("198.51.100.9", "203.0.113.7", ""))
                .as("a peer elsewhere without the secret: ignored")
                .isEqualTo("198.51.100.9");
    }
}
