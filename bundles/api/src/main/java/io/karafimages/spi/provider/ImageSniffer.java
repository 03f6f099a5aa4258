package io.karafimages.spi.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Tells whether bytes a provider sent are an image the pipeline can take: a PNG, JPEG or WebP signature, and a
 * header that gives a positive size. PNG and JPEG headers are read by the JDK's own ImageIO readers; the JDK has
 * no WebP reader, so the RIFF/VP8 headers are read here. Only headers are read, so this is cheap enough to run
 * on every answer; a fully broken pixel stream is caught later when the pipeline decodes.
 *
 * <p>Stateless and thread-safe. For provider authors: check every answer with it and report
 * {@code provider_bad_output} when it is empty.
 */
public final class ImageSniffer {
    /** A recognised image: its media type and pixel size. */
    public record Sniffed(String mediaType, int width, int height) {
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageSniffer() {
    }

    /** The image these bytes are, or empty when they are not a readable PNG, JPEG or WebP. */
    public static Optional<Sniffed> sniff(byte[] data) {
        if (data == null || data.length < 16) {
            return Optional.empty();
        }
        if (startsWith(data, PNG)) {
            return viaImageIo(data, "png", "image/png");
        }
        if ((data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return viaImageIo(data, "jpeg", "image/jpeg");
        }
        if (ascii(data, 0, "RIFF") && ascii(data, 8, "WEBP")) {
            return webp(data);
        }
        return Optional.empty();
    }

    private static Optional<Sniffed> viaImageIo(byte[] data, String format, String mediaType) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        // a memory cache, not ImageIO.createImageInputStream: no temp files, no global ImageIO settings
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            return width > 0 && height > 0 ? Optional.of(new Sniffed(mediaType, width, height)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /** WebP container: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
    private static Optional<Sniffed> webp(byte[] d) {
        if (d.length < 30) {
            return Optional.empty();
        }
        int width;
        int height;
        if (ascii(d, 12, "VP8 ")) {
            if ((d[23] & 0xff) != 0x9d || (d[24] & 0xff) != 0x01 || (d[25] & 0xff) != 0x2a) {
                return Optional.empty();
            }
            width = le16(d, 26) & 0x3fff;
            height = le16(d, 28) & 0x3fff;
        } else if (ascii(d, 12, "VP8L")) {
            if ((d[20] & 0xff) != 0x2f) {
                return Optional.empty();
            }
            int bits = (d[21] & 0xff) | (d[22] & 0xff) << 8 | (d[23] & 0xff) << 16 | (d[24] & 0xff) << 24;
            width = (bits & 0x3fff) + 1;
            height = ((bits >>> 14) & 0x3fff) + 1;
        } else if (ascii(d, 12, "VP8X")) {
            width = ((d[24] & 0xff) | (d[25] & 0xff) << 8 | (d[26] & 0xff) << 16) + 1;
            height = ((d[27] & 0xff) | (d[28] & 0xff) << 8 | (d[29] & 0xff) << 16) + 1;
        } else {
            return Optional.empty();
        }
        return width > 0 && height > 0 ? Optional.of(new Sniffed("image/webp", width, height)) : Optional.empty();
    }

    private static int le16(byte[] d, int at) {
        return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] data, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
