package io.karafimages.provenance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** A PNG as its list of chunks; rewriting chunks never touches the compressed pixels. */
final class PngChunks {
    static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    record Chunk(String type, byte[] data) {
    }

    private PngChunks() {
    }

    static List<Chunk> parse(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(png);
        in.position(8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining() - 8) {
                throw new IllegalArgumentException("truncated PNG chunk");
            }
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            in.getInt(); // CRC: recomputed on write
            String name = new String(type, StandardCharsets.ISO_8859_1);
            chunks.add(new Chunk(name, data));
            if (name.equals("IEND")) {
                break;
            }
        }
        return chunks;
    }

    static byte[] write(List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        for (Chunk c : chunks) {
            byte[] type = c.type().getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(ByteBuffer.allocate(4).putInt(c.data().length).array());
            out.writeBytes(type);
            out.writeBytes(c.data());
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(c.data());
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        return out.toByteArray();
    }

    /** An uncompressed iTXt chunk with the given keyword, as XMP in PNG is stored. */
    static Chunk itxt(String keyword, String text) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        d.write(0); // keyword terminator
        d.write(0); // compression flag: uncompressed
        d.write(0); // compression method
        d.write(0); // language tag: empty
        d.write(0); // translated keyword: empty
        d.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return new Chunk("iTXt", d.toByteArray());
    }
}
