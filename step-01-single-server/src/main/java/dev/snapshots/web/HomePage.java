package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The web page: HTML rendered by this server, plus the CSS and JavaScript it loads. In step 01 one
 * server answers for everything: the page, its assets and the API, all from one address.
 */
final class HomePage {

    /** The page's template on the classpath; {@code {{server}}} and {{userCount}} are filled in. */
    static final String TEMPLATE = "/templates/home.html";

    private final String serverName;
    private final UserService users;

    HomePage(String serverName, UserService users) {
        this.serverName = serverName;
        this.users = users;
    }

    /**
     * Serves the files in {@code src/main/resources/public} under {@code /assets}, e.g.
     * {@code /assets/app.css}, with the right content types.
     */
    static void serveAssets(JavalinConfig config) {
        // TODO 1.3: config.staticFiles.add(...) with hostedPath "/assets", directory "/public", Location.CLASSPATH.
    }

    /** {@code GET /}: the template with the server's name and the number of users filled in, as HTML. */
    void render(Context ctx) {
        // TODO 1.3: read TEMPLATE from the classpath, replace {{server}} and {{userCount}}, answer with ctx.html(...).
        throw new UnsupportedOperationException("TODO 1.3: render the home page (HomePage.render)");
    }
}
