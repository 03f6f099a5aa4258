package io.karafimages.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A PNG as its chunks: where each one is in the file, so that a rewrite copies the untouched ones byte for byte
 * (CRC included) and never touches the compressed pixels. Chunks are read up to and including {@code IEND}; bytes
 * after it are the caller's to keep or drop ({@code last.end()} is where they start).
 */
public final class PngChunks {
    static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    /**
     * One chunk.
     *
     * @param offset offset of its length field in the file
     * @param length length of its data
     * @param type   its four-letter type, e.g. {@code IHDR}
     */
    public record Chunk(int offset, int length, String type) {
        /** @return offset of the data */
        public int dataOffset() {
            return offset + 8;
        }

        /** @return offset just after its CRC */
        public int end() {
            return offset + 12 + length;
        }

        /** @return a copy of its data from {@code png} */
        public byte[] data(byte[] png) {
            byte[] data = new byte[length];
            System.arraycopy(png, dataOffset(), data, 0, length);
            return data;
        }
    }

    private PngChunks() {
    }

    /** @return the 8-byte PNG signature (a copy) */
    public static byte[] signature() {
        return SIGNATURE.clone();
    }

    /**
     * @param png a PNG file
     * @return its chunks, the last one {@code IEND}
     * @throws ImageException ({@code unsupported_image}) when the signature is missing, a chunk runs past the end
     *                        or the file ends before {@code IEND}
     */
    public static List<Chunk> read(byte[] png) {
        return scan(png, true);
    }

    /** Chunks up to IEND; lenient: stops at the first damage instead of throwing. */
    static List<Chunk> scan(byte[] png, boolean strict) {
        List<Chunk> chunks = new ArrayList<>();
        if (!Bytes.startsWith(png, SIGNATURE)) {
            return fail(strict, "not a PNG", chunks);
        }
        int pos = SIGNATURE.length;
        while (true) {
            if (png.length - pos < 12) {
                return fail(strict, "PNG truncated at offset " + pos, chunks);
            }
            long length = Bytes.u32be(png, pos);
            if (length > png.length - pos - 12L) {
                return fail(strict, "PNG chunk at offset " + pos + " runs past the end", chunks);
            }
            Chunk chunk = new Chunk(pos, (int) length, Bytes.fourCc(png, pos + 4));
            chunks.add(chunk);
            pos = chunk.end();
            if ("IEND".equals(chunk.type())) {
                return chunks;
            }
        }
    }

    private static List<Chunk> fail(boolean strict, String message, List<Chunk> sofar) {
        if (strict) {
            throw ImageException.unsupported(message);
        }
        return sofar;
    }

    /**
     * Writes a whole chunk: length, type, data and the CRC computed over type and data.
     *
     * @param out  where to
     * @param type four ASCII letters
     * @param data the data
     */
    public static void write(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] header = new byte[8];
        Bytes.putU32be(header, 0, data.length);
        byte[] t = Bytes.ascii(type);
        if (t.length != 4) {
            throw new IllegalArgumentException("a PNG chunk type has four letters: " + type);
        }
        System.arraycopy(t, 0, header, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] crcBytes = new byte[4];
        Bytes.putU32be(crcBytes, 0, crc.getValue());
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(crcBytes);
    }

    /**
     * @param png   the file the chunk is in
     * @param chunk a chunk of it
     * @param out   where to copy it, byte for byte (length, type, data, CRC)
     */
    public static void copy(byte[] png, Chunk chunk, ByteArrayOutputStream out) {
        out.write(png, chunk.offset(), chunk.end() - chunk.offset());
    }

    /**
     * The data of an uncompressed {@code iTXt} chunk, as XMP in PNG is stored.
     *
     * @param keyword ISO-8859-1 keyword, e.g. {@code XML:com.adobe.xmp}
     * @param text    UTF-8 text
     * @return the chunk data
     */
    public static byte[] itxt(String keyword, String text) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        d.write(0); // keyword terminator
        d.write(0); // compression flag: uncompressed
        d.write(0); // compression method
        d.write(0); // language tag: empty
        d.write(0); // translated keyword: empty
        d.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return d.toByteArray();
    }
}
