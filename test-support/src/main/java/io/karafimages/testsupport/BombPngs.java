package io.karafimages.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Decompression bombs for the pixel-limit tests (security review M2): valid PNGs of black RGB pixels that are
 * small on the wire (a 12000x12000 one is a few hundred KB) and huge once decoded (432 MB), optionally with an EXIF
 * orientation in an eXIf chunk, the case that once made the image be decoded before its size was checked.
 */
public final class BombPngs {
    private BombPngs() {
    }

    /** A side x side black RGB PNG without orientation. */
    public static byte[] black(int side) {
        return black(side, 1);
    }

    /** A side x side black RGB PNG; an orientation other than 1 is written as an eXIf chunk (6: rotate 90). */
    public static byte[] black(int side, int orientation) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put(new byte[] { 8, 2, 0, 0, 0 }).array());
        if (orientation != 1) {
            // big-endian TIFF: header, one IFD entry (0x0112 Orientation, SHORT, count 1, the value), no next IFD
            chunk(png, "eXIf", new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0, 0, 0 });
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + side * 3]; // filter 0, black pixels
            for (int y = 0; y < side; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
