package io.karafimages.core.internal.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import io.karafimages.imaging.PngChunks;

/** PNG chunk surgery for tests: what a camera or phone export would add. */
public final class Pngs {
    private Pngs() {
    }

    /** The PNG with an {@code eXIf} chunk (big-endian TIFF, one IFD entry: Orientation) after IHDR. */
    public static byte[] withExifOrientation(byte[] png, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8); // header, first IFD at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return insertAfterIhdr(png, "eXIf", tiff.array());
    }

    public static byte[] insertAfterIhdr(byte[] png, String type, byte[] data) {
        int ihdrEnd = PngChunks.read(png).get(0).end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
        out.write(png, 0, ihdrEnd);
        PngChunks.write(out, type, data);
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }
}
