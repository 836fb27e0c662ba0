package dev.snapshots.photos;

import dev.snapshots.domain.Thumbnail;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The work a job stands for: decode the original and draw it again, smaller, once per size, as PNG.
 * Real image work with the JDK's ImageIO and Java 2D, the slow part of an upload. Provided code.
 */
public final class Thumbnailer {

    /** The sizes made for every photo: the longest side of each thumbnail, in pixels. */
    public static final List<Integer> SIZES = List.of(64, 256);

    private Thumbnailer() {}

    /**
     * One thumbnail per size in {@link #SIZES}; a picture smaller than a size is kept at its own size
     * (never enlarged). Throws {@link UnreadableImageException} when the bytes do not decode (a
     * corrupt upload), and {@link IOException} when a thumbnail cannot be written.
     */
    public static List<Thumbnail> make(byte[] original) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(original));
        } catch (IOException | RuntimeException corrupt) {
            throw new UnreadableImageException(corrupt);
        }
        if (image == null) {
            throw new UnreadableImageException(new IOException("no ImageIO reader knows this format"));
        }
        List<Thumbnail> thumbnails = new ArrayList<>();
        for (int size : SIZES) {
            double scale = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
            int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = small.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(small, "png", png);
            thumbnails.add(new Thumbnail(size, width, height, png.toByteArray()));
        }
        return thumbnails;
    }
}
