package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The web page: HTML rendered by this server, plus the CSS, JavaScript and image it loads. Since step
 * 06 the page links its assets at the CDN edge when there is one ({@code assetBase}), under their
 * fingerprinted names; this server still answers for them, as the edge's origin.
 */
final class HomePage {

    /**
     * The page's template on the classpath; {@code {{server}}}, {@code {{version}}}, {@code {{userCount}}} and each
     * {@code {{asset:app.css}}} (the asset's URL) are filled in.
     */
    static final String TEMPLATE = "/templates/home.html";

    private final String serverName;
    private final String version;
    private final UserService users;
    private final AssetCatalog assets;
    private final String assetBase;
    /** Read once: the template does not change while the server runs. */
    private final String template = load(TEMPLATE);

    /** {@code assetBase}: where the page links its assets, e.g. {@code http://cdn.snapshots.test:8443}; "" for here. */
    HomePage(String serverName, String version, UserService users, AssetCatalog assets, String assetBase) {
        this.serverName = serverName;
        this.version = version;
        this.users = users;
        this.assets = assets;
        this.assetBase = assetBase;
    }

    /** {@code GET /}: the template with the server's name, the number of users and the asset URLs filled in. */
    void render(Context ctx) {
        String html = template.replace("{{server}}", escape(serverName))
                .replace("{{version}}", escape(version))
                .replace("{{userCount}}", Long.toString(users.count()));
        for (String file : AssetCatalog.FILES) {
            html = html.replace("{{asset:" + file + "}}", escape(assetBase + "/assets/" + assets.link(file)));
        }
        ConditionalGet.send(ctx, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /** {@code GET /assets/{name}}: a file of the catalog, by its plain or fingerprinted name. */
    void asset(Context ctx) {
        AssetCatalog.Asset asset =
                assets.find(ctx.pathParam("name")).orElseThrow(() -> new NotFoundResponse("no such asset"));
        ConditionalGet.send(ctx, asset.content(), asset.contentType());
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
