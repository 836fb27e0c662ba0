package dev.snapshots.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body declared longer than a server takes: refused with a {@code 413}, and the connection
 * closed after it. Provided code.
 *
 * <p>Closing a connection with unread bytes in it resets the connection, and a client still sending
 * its body would lose the answer to the reset. So a body declared at most {@link #READ_AWAY_UP_TO} is
 * read and dropped first (nginx does the same: its "lingering close"); one declared longer is refused
 * at once, without waiting for a byte of it (a client that declares 2 GB would otherwise hold the
 * connection until its time-out).
 */
public final class TooLarge {

    /** Bodies declared up to this long are read away before the {@code 413}. */
    public static final long READ_AWAY_UP_TO = 8 * 1024 * 1024;

    private TooLarge() {}

    /** Throws the {@code 413} if {@code ctx}'s body is declared longer than {@code limit} bytes. */
    public static void refuseOver(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared <= limit) {
            return;
        }
        ctx.header("Connection", "close");
        if (declared <= READ_AWAY_UP_TO) {
            try {
                ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException stopped) {
                // The client stopped sending: it gets the 413 if it still listens.
            }
        }
        throw new ContentTooLargeResponse("the body must be at most " + limit + " bytes");
    }
}
