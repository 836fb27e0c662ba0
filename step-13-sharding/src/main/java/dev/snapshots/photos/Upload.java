package dev.snapshots.photos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An uploaded photo that passed the checks a web server can make cheaply: a JPEG or PNG, as its
 * content type says, not empty, not too large, with a header that reads and a sane number of
 * pixels. The picture itself is decoded later, by a worker: decoding is the slow part the queue
 * takes off the request. Provided code.
 */
public record Upload(String contentType, byte[] bytes) {

    /** The largest upload taken (the web server reads no more of a body than this). */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The most pixels taken: a small file can claim a huge picture (a "decompression bomb"). */
    public static final long MAX_PIXELS = 24_000_000;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    /** Checks an upload; throws {@link UploadRejectedException} with the status to answer if it fails. */
    public static Upload check(String contentTypeHeader, byte[] body) {
        String type = contentTypeHeader == null
                ? ""
                : contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] signature;
        String format;
        switch (type) {
            case "image/png" -> {
                signature = PNG;
                format = "png";
            }
            case "image/jpeg" -> {
                signature = JPEG;
                format = "jpeg";
            }
            default ->
                throw new UploadRejectedException(
                        415, "send the photo's bytes as Content-Type image/jpeg or image/png");
        }
        if (body.length == 0) {
            throw new UploadRejectedException(400, "the body is empty: send the photo's bytes");
        }
        if (body.length > MAX_BYTES) {
            throw new UploadRejectedException(413, "a photo must be at most " + MAX_BYTES + " bytes");
        }
        if (!startsWith(body, signature)) {
            throw new UploadRejectedException(400, "the body is not a " + format.toUpperCase(Locale.ROOT) + " image");
        }
        long pixels = pixels(body, format);
        if (pixels > MAX_PIXELS) {
            throw new UploadRejectedException(413, "a photo must have at most " + MAX_PIXELS + " pixels");
        }
        return new Upload(type, body);
    }

    private static boolean startsWith(byte[] body, byte[] signature) {
        if (body.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (body[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Width × height from the header alone: nothing is decoded. */
    private static long pixels(byte[] body, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new UploadRejectedException(400, "the image has no pixels");
            }
            return width * height;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UploadRejectedException rejected) {
                throw rejected;
            }
            throw new UploadRejectedException(400, "the image's header cannot be read");
        } finally {
            reader.dispose();
        }
    }
}
