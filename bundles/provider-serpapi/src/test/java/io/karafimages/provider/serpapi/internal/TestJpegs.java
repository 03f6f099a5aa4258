package io.karafimages.provider.serpapi.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEGs for the tests, made here: plain, noisy (large), progressive, and with metadata segments added. */
final class TestJpegs {
    private TestJpegs() {
    }

    /** A smooth gradient, a few kilobytes. */
    static byte[] small(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        return encode(image, 0.85f, false);
    }

    /** Random noise at high quality: far over SerpApi's 500 KB. */
    static byte[] large() {
        BufferedImage image = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 1000; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, 0.98f, false);
    }

    static byte[] progressive(int width, int height) {
        return encode(decode(small(width, height)), 0.85f, true);
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalStateException("not decodable");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with the given segments inserted right after its start marker (after JFIF's APP0 if present). */
    static byte[] withSegments(byte[] jpeg, byte[]... segments) {
        int at = (jpeg[3] & 0xff) == 0xe0 ? 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff)) : 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** One marker segment: {@code FF marker}, its length, an identifier and a payload. */
    static byte[] segment(int marker, String identifier, int payloadBytes) {
        byte[] id = identifier.getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + id.length + payloadBytes;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(id);
        for (int i = 0; i < payloadBytes; i++) {
            out.write('a' + i % 26);
        }
        return out.toByteArray();
    }

    static byte[] exif() {
        return segment(0xe1, "Exif\0\0GPS 48.8584 N 2.2945 E", 40);
    }

    static byte[] xmp() {
        return segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta prompt='a secret prompt'/>", 10);
    }

    /** The JPEG padded with comment segments to exactly {@code size} bytes. */
    static byte[] paddedTo(byte[] jpeg, int size) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        int missing = size - jpeg.length;
        while (missing > 0) {
            int chunk = Math.min(missing, 60_000);
            if (missing - chunk > 0 && missing - chunk < 4) {
                chunk -= 4; // leave room for a last segment of at least its 4 header bytes
            }
            segments.writeBytes(segment(0xfe, "", chunk - 4));
            missing -= chunk;
        }
        return withSegments(jpeg, segments.toByteArray());
    }

    private static byte[] encode(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
