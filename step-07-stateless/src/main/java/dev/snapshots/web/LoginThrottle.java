package dev.snapshots.web;

import dev.snapshots.domain.NewUser;
import dev.snapshots.http.BalancerProof;
import dev.snapshots.session.FailureCounter;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Duration;

/**
 * Slows password guessing down. Failed logins are counted per account (the normalised email, known
 * or not) and per client address, each in a window of {@link #WINDOW} from its first failure. Past
 * {@link #MAX_FAILURES_PER_ACCOUNT} for the account or {@link #MAX_FAILURES_PER_ADDRESS} for the
 * address, a login is answered {@code 429} with {@code Retry-After} until that window ends, without
 * checking the password at all (so it costs no hash either). A successful login clears its account's
 * count. Since step 07 the counts live on the session tier ({@link FailureCounter}), shared by every
 * web server: this class keeps nothing between requests.
 */
final class LoginThrottle {

    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The header a load balancer adds the client's address to. */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final FailureCounter failures;

    LoginThrottle(FailureCounter failures) {
        this.failures = failures;
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
        Duration byAccount = account == null ? Duration.ZERO : waitOf(accountKey(account), MAX_FAILURES_PER_ACCOUNT);
        Duration byAddress = waitOf(addressKey(address), MAX_FAILURES_PER_ADDRESS);
        return byAccount.compareTo(byAddress) >= 0 ? byAccount : byAddress;
    }

    /** A wrong email or password for {@code account} ({@code null}: none named) from {@code address}. */
    void failed(String account, String address) {
        if (account != null) {
            failures.increment(accountKey(account), WINDOW);
        }
        failures.increment(addressKey(address), WINDOW);
    }

    /** The account's owner proved who they are: its failures are forgiven (the address's are not). */
    void succeeded(String account) {
        if (account != null) {
            failures.clear(accountKey(account));
        }
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String address) {
        return "address:" + address;
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

    static boolean isLoopback(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        return bare.startsWith("127.") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
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

    private Duration waitOf(String key, int max) {
        return failures.count(key) < max ? Duration.ZERO : failures.windowLeft(key);
    }
}
