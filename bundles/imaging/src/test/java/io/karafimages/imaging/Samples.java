package io.karafimages.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.WebPWriteParam;

/** Deterministic images for the tests: the JDK's PNG and JPEG writers, libwebp for WebP, hand-made chunks. */
final class Samples {
    /** A big-endian TIFF with one IFD0 entry: Orientation (0x0112, SHORT) = {@code value}. */
    static byte[] exif(int value) {
        return new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) value, 0, 0,
            0, 0, 0, 0, 0, 0 };
    }

    private Samples() {
    }

    /** An image with a red marker in its top-left corner on blue. */
    static BufferedImage marked(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, Math.max(1, w / 4), Math.max(1, h / 4));
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(img, format, ios)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] webp(BufferedImage img, boolean lossless) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(param.getCompressionTypes()[lossless ? WebPWriteParam.LOSSLESS_COMPRESSION
                : WebPWriteParam.LOSSY_COMPRESSION]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The PNG with an eXIf chunk right after IHDR. */
    static byte[] pngWithExif(byte[] png, int orientation) {
        java.util.List<PngChunks.Chunk> chunks = PngChunks.read(png);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngChunks.signature());
        PngChunks.copy(png, chunks.get(0), out);
        PngChunks.write(out, "eXIf", exif(orientation));
        chunks.subList(1, chunks.size()).forEach(c -> PngChunks.copy(png, c, out));
        return out.toByteArray();
    }

    /** The JPEG with an Exif APP1 segment right after SOI. */
    static byte[] jpegWithExif(byte[] jpeg, int orientation) {
        JpegSegments.Header header = JpegSegments.read(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        app1.writeBytes(exif(orientation));
        JpegSegments.write(out, 0xe1, app1.toByteArray());
        header.segments().forEach(s -> JpegSegments.copy(jpeg, s, out));
        out.write(jpeg, header.restStart(), jpeg.length - header.restStart());
        return out.toByteArray();
    }

    /** The simple WebP made extended, with an EXIF chunk. */
    static byte[] webpWithExif(byte[] webp, int orientation) {
        RiffChunks.Riff riff = RiffChunks.read(webp);
        byte[] vp8x = RiffChunks.extendedHeader(webp, riff.chunks());
        vp8x[8] |= RiffChunks.FLAG_EXIF;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(vp8x);
        riff.chunks().forEach(c -> RiffChunks.copy(webp, c, body));
        RiffChunks.write(body, "EXIF", exif(orientation));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RiffChunks.header("RIFF", body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * A valid PNG of {@code side} x {@code side} black RGB pixels, orientation 6 (a few hundred KB on the wire for
     * 12000: the decompression bomb of security review M2).
     */
    static byte[] rotatedBomb(int side) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PngChunks.signature());
        byte[] ihdr = new byte[13];
        Bytes.putU32be(ihdr, 0, side);
        Bytes.putU32be(ihdr, 4, side);
        ihdr[8] = 8;
        ihdr[9] = 2;
        PngChunks.write(png, "IHDR", ihdr);
        PngChunks.write(png, "eXIf", exif(6));
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + side * 3];
            for (int y = 0; y < side; y++) {
                z.write(row);
            }
        }
        PngChunks.write(png, "IDAT", idat.toByteArray());
        PngChunks.write(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The CRC a PNG chunk must carry. */
    static long crc(byte[] png, PngChunks.Chunk c) {
        CRC32 crc = new CRC32();
        crc.update(png, c.offset() + 4, 4 + c.length());
        return crc.getValue();
    }
}
