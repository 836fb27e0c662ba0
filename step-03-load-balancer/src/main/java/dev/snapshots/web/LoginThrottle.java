package dev.snapshots.web;

import dev.snapshots.domain.NewUser;
import dev.snapshots.http.BalancerProof;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down. Failed logins are counted per account (the normalised email, known
 * or not) and per client address, each in a window of {@link #WINDOW} from its first failure. Past
 * {@link #MAX_FAILURES_PER_ACCOUNT} for the account or {@link #MAX_FAILURES_PER_ADDRESS} for the
 * address, a login is answered {@code 429} with {@code Retry-After} until that window ends, without
 * checking the password at all (so it costs no hash either). A successful login clears its account's
 * count. The counts live in this server's memory.
 */
final class LoginThrottle {

    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The header a load balancer adds the client's address to. */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private volatile Instant nextSweep;

    /** Failures since {@code since}, the first failure of the current window. */
    private record Failures(Instant since, int count) {}

    /** The clock tells the time of every attempt: tests pass one they move by hand. */
    LoginThrottle(Clock clock) {
        this.clock = clock;
        this.nextSweep = clock.instant().plus(WINDOW);
    }

    /**
     * {@code login} behind the throttle: refused with 429 while its account or address is throttled;
     * a 401 counts as a failure, a 200 clears the account's count. Anything else (a 400, a 501, a
     * 503) counts for nothing: it was no guess.
     */
    Handler guard(Handler login) {
        return ctx -> {
            String account = accountOf(ctx);
            String address = clientAddress(ctx.ip(), ctx.header(FORWARDED_FOR), ctx.header(BalancerProof.HEADER));
            Duration wait = waitFor(account, address);
            if (!wait.isZero()) {
                long seconds = (wait.toNanos() + 999_999_999) / 1_000_000_000;
                ctx.status(429)
                        .header("Retry-After", String.valueOf(seconds))
                        .json(new ApiError("too many failed logins; try again in " + seconds + " s"));
                return;
            }
            try {
                login.handle(ctx);
            } catch (HttpResponseException e) {
                if (e.getStatus() == 401) {
                    failed(account, address);
                }
                throw e;
            }
            if (ctx.statusCode() == 401) {
                failed(account, address);
            } else if (ctx.statusCode() == 200) {
                succeeded(account);
            }
        };
    }

    /** How long until this account ({@code null}: none named) and address may try again; zero: now. */
    Duration waitFor(String account, String address) {
        Instant now = clock.instant();
        Duration byAccount =
                account == null ? Duration.ZERO : waitOf(accounts.get(account), MAX_FAILURES_PER_ACCOUNT, now);
        Duration byAddress = waitOf(addresses.get(address), MAX_FAILURES_PER_ADDRESS, now);
        return byAccount.compareTo(byAddress) >= 0 ? byAccount : byAddress;
    }

    /** A wrong email or password for {@code account} ({@code null}: none named) from {@code address}. */
    void failed(String account, String address) {
        Instant now = clock.instant();
        if (account != null) {
            accounts.compute(account, (key, failures) -> oneMore(failures, now));
        }
        addresses.compute(address, (key, failures) -> oneMore(failures, now));
        sweep(now);
    }

    /** The account's owner proved who they are: its failures are forgiven (the address's are not). */
    void succeeded(String account) {
        if (account != null) {
            accounts.remove(account);
        }
    }

    /**
     * The client's address. The peer is whoever opened the connection: the client itself, or, from
     * step 03 on, the load balancer, which appends the address it saw to {@code X-Forwarded-For}.
     * Trust: on one machine every peer is on loopback, so the address proves nothing; the header is
     * read only from a request that carries the balancer's secret ({@code proof}, the value of
     * {@link BalancerProof#HEADER}), and only its last entry, the one the balancer wrote: entries
     * before it came from the client and may be made up (believing the first would let a guesser
     * claim a new address with every request). Anyone else, a local program sending straight to a
     * web server included, is known by its own address and its header is ignored. In production the
     * trust comes from configuration (the balancers' addresses, or mutual TLS), and web servers are
     * reachable only through the balancers.
     */
    static String clientAddress(String peer, String forwardedFor, String proof) {
        if (forwardedFor == null || !BalancerProof.proves(proof)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops.length == 0 ? "" : hops[hops.length - 1].strip();
        return last.isEmpty() ? peer : last;
    }

    /** The normalised email the body names, or {@code null} when it names none: the login route answers that. */
    private static String accountOf(Context ctx) {
        try {
            String email = JsonBody.read(ctx, LoginRoutes.Credentials.class).email();
            return email == null ? null : NewUser.normalisedEmail(email);
        } catch (BadRequestResponse unreadable) {
            return null;
        }
    }

    private static Duration waitOf(Failures failures, int max, Instant now) {
        if (failures == null || failures.count() < max) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, failures.since().plus(WINDOW));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Failures oneMore(Failures failures, Instant now) {
        if (failures == null || !now.isBefore(failures.since().plus(WINDOW))) {
            return new Failures(now, 1);
        }
        return new Failures(failures.since(), failures.count() + 1);
    }

    /** Once a window, forgets the windows that have ended, so guessing many emails does not fill memory. */
    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(WINDOW);
        accounts.values().removeIf(failures -> !now.isBefore(failures.since().plus(WINDOW)));
        addresses.values().removeIf(failures -> !now.isBefore(failures.since().plus(WINDOW)));
    }
}
