package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The web page: HTML rendered by this server, plus the CSS and JavaScript it loads. In step 01 one
 * server answers for everything: the page, its assets and the API, all from one address.
 */
final class HomePage {

    /** The page's template on the classpath; {@code {{server}}} and {{userCount}} are filled in. */
    static final String TEMPLATE = "/templates/home.html";

    private final String serverName;
    private final UserService users;
    /** Read once: the template does not change while the server runs. */
    private final String template = load(TEMPLATE);

    HomePage(String serverName, UserService users) {
        this.serverName = serverName;
        this.users = users;
    }

    /**
     * Serves the files in {@code src/main/resources/public} under {@code /assets}, e.g.
     * {@code /assets/app.css}, with the right content types.
     */
    static void serveAssets(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
        });
    }

    /** {@code GET /}: the template with the server's name and the number of users filled in, as HTML. */
    void render(Context ctx) {
        ctx.html(template.replace("{{server}}", escape(serverName))
                .replace("{{userCount}}", Long.toString(users.count())));
    }

    private static String load(String resource) {
        try (InputStream in = HomePage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
