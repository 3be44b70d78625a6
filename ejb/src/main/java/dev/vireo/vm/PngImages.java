package dev.vireo.vm;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Turns what hypervisors send as screenshots (QEMU: binary PPM) into PNG. */
final class PngImages {

    static final String PNG = "image/png";

    private PngImages() {
    }

    static byte[] toPng(String mimeType, byte[] image) {
        if (PNG.equals(mimeType)) {
            return image;
        }
        if (!"image/x-portable-pixmap".equals(mimeType)) {
            throw new IllegalArgumentException("cannot convert a screenshot of type " + mimeType);
        }
        return encode(fromPpm(image));
    }

    /** Reads a binary PPM (P6) with 8-bit samples. */
    static BufferedImage fromPpm(byte[] ppm) {
        int[] position = {0};
        if (!"P6".equals(token(ppm, position))) {
            throw new IllegalArgumentException("not a binary PPM image");
        }
        int width = Integer.parseInt(token(ppm, position));
        int height = Integer.parseInt(token(ppm, position));
        int max = Integer.parseInt(token(ppm, position));
        int start = position[0] + 1; // one whitespace byte ends the header
        if (max != 255 || width <= 0 || height <= 0 || ppm.length < start + 3L * width * height) {
            throw new IllegalArgumentException("unsupported PPM: " + width + "x" + height + ", max " + max);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int at = start;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = (ppm[at] & 0xff) << 16 | (ppm[at + 1] & 0xff) << 8 | (ppm[at + 2] & 0xff);
                image.setRGB(x, y, rgb);
                at += 3;
            }
        }
        return image;
    }

    private static String token(byte[] data, int[] position) {
        int i = position[0];
        while (i < data.length) {
            if (data[i] == '#') {
                while (i < data.length && data[i] != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(data[i])) {
                i++;
            } else {
                break;
            }
        }
        int start = i;
        while (i < data.length && !Character.isWhitespace(data[i])) {
            i++;
        }
        position[0] = i;
        return new String(data, start, i - start, StandardCharsets.US_ASCII);
    }

    static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
