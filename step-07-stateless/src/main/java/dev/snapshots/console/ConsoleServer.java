package dev.snapshots.console;

import dev.snapshots.http.BearerToken;
import dev.snapshots.http.JsonErrors;
import dev.snapshots.http.ServerSetup;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live console: one page that draws the step's system ({@link View#picture()}), asks
 * for it again every second while it is open, and has a button for each fault the step teaches. It
 * runs in the demo's JVM, on loopback, behind a token made for the run: the page's address carries
 * it, and the page sends it as {@code Authorization: Bearer …} with every question. Nothing runs
 * while no page is open: the picture is made only when asked. Provided code.
 *
 * <ul>
 *   <li>{@code GET /console?token=…}: the page (HTML, its script and style inline: no CDN);
 *   <li>{@code GET /console/state}: the picture, the faults and the timeline, as JSON;
 *   <li>{@code POST /console/faults/{id}}: causes that fault.
 * </ul>
 */
public final class ConsoleServer implements AutoCloseable {

    public static final String PATH = "/console";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Pattern FAULT_ID = Pattern.compile("[a-z0-9-]{1,40}");

    private final View view;
    private final BearerToken token = new BearerToken(BearerToken.newValue());
    private final Timeline timeline = new Timeline();
    /** Each box's state at the last look: a change between two looks goes on the timeline. */
    private final Map<String, String> lastStates = new HashMap<>();

    private final String page = resource("/console/console.html");
    private final Javalin app;

    public ConsoleServer(View view) {
        this.view = view;
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            config.routes.get(PATH, this::page);
            config.routes.get(PATH + "/state", this::state);
            config.routes.post(PATH + "/faults/{id}", this::fault);
            JsonErrors.install(config, LOG, "console", 500, "internal error");
            JsonErrors.noRoute(config);
        });
    }

    /** Starts on 127.0.0.1; port 0 lets the operating system pick a free port. */
    public ConsoleServer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    /** The page's address, its token included: what the demo prints first. */
    public String address() {
        return "http://127.0.0.1:" + app.port() + PATH + "?token=" + token.value();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    public String token() {
        return token.value();
    }

    /** Where the demo writes what its own script does (kills web-2 after 20 s …). */
    public Timeline timeline() {
        return timeline;
    }

    private void page(Context ctx) {
        if (!token.is(ctx.queryParam("token"))) {
            throw new HttpResponseException(401, "open the console's address as the demo printed it, token included");
        }
        // The address holds the token: no other site may learn it from a Referer, and no cache may keep it.
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.html(page);
    }

    private void state(Context ctx) {
        token.require(ctx, "the console's token is required (Authorization: Bearer <token>)");
        Picture picture = view.picture();
        noteChanges(picture);
        List<Map<String, String>> faults = view.faults().stream()
                .map(f -> Map.of("id", f.id(), "label", f.label()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("picture", picture, "faults", faults, "timeline", timeline.newestFirst()));
    }

    private void fault(Context ctx) {
        token.require(ctx, "the console's token is required (Authorization: Bearer <token>)");
        String id = ctx.pathParam("id");
        if (!FAULT_ID.matcher(id).matches()) {
            throw new HttpResponseException(400, "a fault's id is 1 to 40 lower-case letters, digits or '-'");
        }
        Fault fault = view.faults().stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new HttpResponseException(404, "this step has no such fault"));
        String done;
        try {
            done = fault.action().get();
        } catch (IllegalStateException notNow) {
            throw new HttpResponseException(409, notNow.getMessage());
        }
        timeline.add(done + " (from the console)");
        ctx.json(Map.of("done", done));
    }

    private synchronized void noteChanges(Picture picture) {
        for (Picture.Box box : picture.boxes()) {
            String before = lastStates.put(box.id(), box.state());
            if (before != null && !before.equals(box.state())) {
                timeline.add(box.id() + ": " + before + " → " + box.state());
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's page is missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
