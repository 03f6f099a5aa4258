package io.karafimages.provenance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A WebP file as its RIFF chunks (little-endian sizes, payloads padded to even length). */
final class RiffChunks {
    static final int FLAG_ICC = 0x20;
    static final int FLAG_ALPHA = 0x10;
    static final int FLAG_EXIF = 0x08;
    static final int FLAG_XMP = 0x04;

    record Chunk(String fourcc, byte[] data) {
    }

    private RiffChunks() {
    }

    static List<Chunk> parse(byte[] webp) {
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        in.position(12);
        List<Chunk> chunks = new ArrayList<>();
        while (in.remaining() >= 8) {
            byte[] fourcc = new byte[4];
            in.get(fourcc);
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) {
                throw new IllegalArgumentException("truncated RIFF chunk");
            }
            byte[] data = new byte[size];
            in.get(data);
            if ((size & 1) == 1 && in.hasRemaining()) {
                in.get();
            }
            chunks.add(new Chunk(new String(fourcc, StandardCharsets.US_ASCII), data));
        }
        return chunks;
    }

    static byte[] write(List<Chunk> chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (Chunk c : chunks) {
            body.writeBytes(c.fourcc().getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(le32(c.data().length));
            body.writeBytes(c.data());
            if ((c.data().length & 1) == 1) {
                body.write(0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * Makes the chunk list extended (VP8X first) so that metadata chunks are allowed; a simple lossy or
     * lossless file gets a VP8X header with its canvas size and alpha flag.
     */
    static List<Chunk> extended(List<Chunk> chunks) {
        if (!chunks.isEmpty() && chunks.get(0).fourcc().equals("VP8X")) {
            return new ArrayList<>(chunks);
        }
        Chunk image = chunks.stream().filter(c -> c.fourcc().equals("VP8 ") || c.fourcc().equals("VP8L"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("WebP without image data"));
        int[] size = canvas(image);
        boolean alpha = image.fourcc().equals("VP8L") && (image.data()[4] & 0x10) != 0;
        List<Chunk> out = new ArrayList<>();
        out.add(new Chunk("VP8X", vp8x(alpha ? FLAG_ALPHA : 0, size[0], size[1])));
        out.addAll(chunks);
        return out;
    }

    static int flags(List<Chunk> extended) {
        return extended.get(0).data()[0] & 0xff;
    }

    static List<Chunk> withFlags(List<Chunk> extended, int flags) {
        List<Chunk> out = new ArrayList<>(extended);
        byte[] header = extended.get(0).data().clone();
        header[0] = (byte) flags;
        out.set(0, new Chunk("VP8X", header));
        return out;
    }

    private static byte[] vp8x(int flags, int width, int height) {
        byte[] d = new byte[10];
        d[0] = (byte) flags;
        int w = width - 1;
        int h = height - 1;
        d[4] = (byte) w;
        d[5] = (byte) (w >> 8);
        d[6] = (byte) (w >> 16);
        d[7] = (byte) h;
        d[8] = (byte) (h >> 8);
        d[9] = (byte) (h >> 16);
        return d;
    }

    /** Canvas size from a VP8 key frame header or a VP8L header. */
    static int[] canvas(Chunk image) {
        byte[] d = image.data();
        if (image.fourcc().equals("VP8 ")) {
            int w = (d[6] & 0xff | (d[7] & 0xff) << 8) & 0x3fff;
            int h = (d[8] & 0xff | (d[9] & 0xff) << 8) & 0x3fff;
            return new int[] { w, h };
        }
        int bits = d[1] & 0xff | (d[2] & 0xff) << 8 | (d[3] & 0xff) << 16 | (d[4] & 0xff) << 24;
        return new int[] { (bits & 0x3fff) + 1, (bits >> 14 & 0x3fff) + 1 };
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
