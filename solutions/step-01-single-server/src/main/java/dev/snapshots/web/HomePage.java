package dev.snapshots.web;

import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

final class HomePage {

    /** Read once: the template does not change while the server runs. */
    private final String template = load(TEMPLATE);

    static void serveAssets(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
        });
    }

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
