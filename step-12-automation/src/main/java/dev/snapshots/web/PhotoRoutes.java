package dev.snapshots.web;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import dev.snapshots.photos.Photos;
import dev.snapshots.photos.Thumbnailer;
import dev.snapshots.photos.Upload;
import dev.snapshots.photos.UploadRejectedException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The photo API: {@code POST /api/photos} takes a JPEG or PNG as the raw body and answers
 * {@code 202 Accepted} at once, with the photo's status URL in {@code Location}; {@code GET} that
 * URL until the status is {@code ready} (or {@code failed}); then each thumbnail is at
 * {@code /api/photos/{id}/thumbnails/{size}}.
 */
final class PhotoRoutes {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Photos photos;
    /** A business metric (step 11): photos accepted for thumbnails. */
    private final Counter uploads;

    PhotoRoutes(Photos photos, MeterRegistry registry) {
        this.photos = photos;
        this.uploads = Counter.builder("photos.uploaded")
                .description("Photos accepted")
                .register(registry);
    }

    void upload(Context ctx) {
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                throw new UploadRejectedException(413, "a photo must be at most " + Upload.MAX_BYTES + " bytes");
            }
            throw e;
        }
        String id = photos.accept(Upload.check(ctx.header("Content-Type"), body));
        uploads.increment();
        String statusUrl = "/api/photos/" + id;
        ctx.status(202)
                .header("Location", statusUrl)
                .json(Map.of("id", id, "status", "queued", "status_url", statusUrl));
    }

    void status(Context ctx) {
        Photo photo = find(ctx.pathParam("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", photo.id());
        body.put("status", photo.status().label());
        if (photo.error() != null) {
            body.put("error", photo.error());
        }
        List<Map<String, Object>> thumbnails = photo.thumbnails().stream()
                .map(t -> thumbnailJson(photo.id(), t))
                .toList();
        body.put("thumbnails", thumbnails);
        ctx.json(body);
    }

    void thumbnail(Context ctx) {
        String id = checkedId(ctx.pathParam("id"));
        int size = Thumbnailer.SIZES.stream()
                .filter(s -> String.valueOf(s).equals(ctx.pathParam("size")))
                .findFirst()
                .orElseThrow(() -> new NotFoundResponse("thumbnail sizes are " + Thumbnailer.SIZES));
        byte[] png = photos.thumbnail(id, size).orElseThrow(() -> new NotFoundResponse("no such thumbnail (yet)"));
        ctx.contentType("image/png").result(png);
    }

    private Photo find(String id) {
        return photos.find(checkedId(id)).orElseThrow(() -> new NotFoundResponse("no such photo"));
    }

    private static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new BadRequestResponse("a photo id is 32 lowercase hex digits");
        }
        return id;
    }

    private static Map<String, Object> thumbnailJson(String id, Thumbnail.Info t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", t.size());
        json.put("width", t.width());
        json.put("height", t.height());
        json.put("url", "/api/photos/" + id + "/thumbnails/" + t.size());
        return json;
    }
}
