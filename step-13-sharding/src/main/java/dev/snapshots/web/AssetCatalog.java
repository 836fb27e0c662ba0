package dev.snapshots.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's static assets, as a release ships them: each file under its plain name and under its
 * fingerprinted name ({@link AssetFingerprint}). A new release adds the new versions and keeps the
 * old fingerprinted ones, as a bucket of assets behind a CDN does: a page rendered before the release
 * still finds everything it links. Provided.
 */
public final class AssetCatalog {

    /** The files in {@code src/main/resources/public}. */
    static final List<String> FILES = List.of("app.css", "app.js", "logo.png");

    /** One servable file. */
    record Asset(byte[] content, String contentType, boolean fingerprinted) {}

    private final Map<String, Asset> byName = new ConcurrentHashMap<>();
    private final Map<String, String> current = new ConcurrentHashMap<>();

    /** The assets of this build, read from the classpath. */
    public static AssetCatalog fromClasspath() {
        AssetCatalog catalog = new AssetCatalog();
        for (String file : FILES) {
            catalog.release(file, load("/public/" + file));
        }
        return catalog;
    }

    /**
     * Ships a new version of {@code file}: its plain name answers with it, its fingerprinted name is
     * added, and pages link it from now on. Old fingerprinted names keep their old content.
     */
    public synchronized void release(String file, byte[] content) {
        if (!FILES.contains(file)) {
            throw new IllegalArgumentException("no asset " + file + "; the site has " + FILES);
        }
        String type = contentType(file);
        String fingerprinted = AssetFingerprint.name(file, content);
        byName.put(file, new Asset(content.clone(), type, false));
        if (!fingerprinted.equals(file)) {
            byName.put(fingerprinted, new Asset(content.clone(), type, true));
        }
        current.put(file, fingerprinted);
    }

    /** The name the page links for {@code file}: its current fingerprinted name (its plain one until 6.2 is done). */
    public String link(String file) {
        String name = current.get(file);
        if (name == null) {
            throw new IllegalArgumentException("no asset " + file);
        }
        return name;
    }

    /** The asset served as {@code /assets/<name>}, if there is one. */
    Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** True when {@code path} is a fingerprinted asset's: {@code /assets/app.3f9a1c2e.css}. */
    boolean isFingerprinted(String path) {
        return path.startsWith("/assets/")
                && find(path.substring("/assets/".length()))
                        .map(Asset::fingerprinted)
                        .orElse(false);
    }

    static String contentType(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (lower.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (lower.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }

    private static byte[] load(String resource) {
        try (InputStream in = AssetCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
