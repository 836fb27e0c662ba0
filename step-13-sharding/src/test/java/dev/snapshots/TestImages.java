package dev.snapshots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Pictures for the tests, drawn from a seed, so every run uploads the same bytes. */
final class TestImages {

    private TestImages() {}

    /** A {@code width} × {@code height} PNG: a gradient and a few rectangles, from {@code seed}. */
    static byte[] png(int width, int height, long seed) {
        return encode(draw(width, height, seed), "png");
    }

    /** The same picture as a JPEG. */
    static byte[] jpeg(int width, int height, long seed) {
        BufferedImage argb = draw(width, height, seed);
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        return encode(rgb, "jpeg");
    }

    /**
     * A PNG whose header is whole (signature, and the IHDR chunk with its size) and whose pixels are
     * garbage: it passes a web server's checks, and no worker can decode it.
     */
    static byte[] corruptPng(long seed) {
        byte[] good = png(320, 240, seed);
        byte[] corrupt = Arrays.copyOf(good, 600);
        byte[] garbage = new byte[600 - 33];
        new Random(seed).nextBytes(garbage);
        System.arraycopy(garbage, 0, corrupt, 33, garbage.length);
        return corrupt;
    }

    /** The width and height of an image's pixels, decoded. */
    static int[] size(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw new AssertionError("not an image: " + image.length + " bytes");
            }
            return new int[] {decoded.getWidth(), decoded.getHeight()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage draw(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new java.awt.GradientPaint(
                    0, 0, new Color(random.nextInt(0xffffff)), width, height, new Color(random.nextInt(0xffffff))));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(random.nextInt(0xffffff)));
                g.fillRect(
                        random.nextInt(width),
                        random.nextInt(height),
                        1 + random.nextInt(width / 2),
                        1 + random.nextInt(height / 2));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
