package io.karafimages.core.internal.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

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
        int ihdrEnd = 8 + 12 + 13; // signature, then IHDR: length, type, 13 data bytes, CRC
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
        out.write(png, 0, ihdrEnd);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }
}
