package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;

/**
 * WebP: the store lives in a {@code C2PA} chunk at the end of the RIFF chunk. A simple file
 * ({@code VP8 } or {@code VP8L} alone) may not carry extra chunks, so it is rewritten to the
 * extended layout: a {@code VP8X} header (canvas size from the bitstream, alpha flag from VP8L,
 * XMP/EXIF/ICC flags from the chunks present) is put in front; all other chunks are kept byte for
 * byte. The exclusion covers the {@code C2PA} chunk header and data (not the RIFF pad byte, which
 * is zero and hashed, as c2pa-rs does).
 */
final class WebpCodec implements ContainerCodec {

    private static final String STORE_CHUNK = "C2PA";
    private static final int FLAG_ICC = 0x20;
    private static final int FLAG_ALPHA = 0x10;
    private static final int FLAG_EXIF = 0x08;
    private static final int FLAG_XMP = 0x04;

    /** A chunk: header offset, FourCC and data size (without pad byte). */
    private record Chunk(int offset, String fourCc, int size) {
        int dataStart() {
            return offset + 8;
        }
    }

    /** The parsed file: chunks inside the RIFF and where the RIFF ends. */
    private record Riff(List<Chunk> chunks, int end) {
    }

    @Override
    public AssetFormat format() {
        return AssetFormat.WEBP;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        for (Chunk c : parse(asset).chunks()) {
            if (STORE_CHUNK.equals(c.fourCc())) {
                byte[] data = new byte[c.size()];
                System.arraycopy(asset, c.dataStart(), data, 0, data.length);
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    @Override
    public Prepared prepare(byte[] asset) {
        Riff riff = parse(asset);
        List<Chunk> kept = riff.chunks().stream().filter(c -> !STORE_CHUNK.equals(c.fourCc())).toList();
        if (kept.isEmpty()) {
            throw Bytes.malformed("WebP has no image chunk");
        }
        String first = kept.get(0).fourCc();
        byte[] vp8x;
        if ("VP8X".equals(first)) {
            vp8x = new byte[0];
        } else if ("VP8 ".equals(first) || "VP8L".equals(first)) {
            vp8x = extendedHeader(asset, kept);
        } else {
            throw Bytes.malformed("WebP starts with chunk '" + first + "'");
        }
        long body = 4L + vp8x.length;
        for (Chunk c : kept) {
            body += 8L + c.size() + (c.size() & 1);
        }
        return new WebpPrepared(asset, vp8x, kept, body, riff.end());
    }

    /**
     * The RIFF body to write: optional new VP8X, the kept chunks, then the store chunk.
     *
     * @param bodyLength RIFF size without the store chunk
     * @param trailer    offset of bytes after the RIFF chunk (kept unchanged)
     */
    private record WebpPrepared(byte[] asset, byte[] vp8x, List<Chunk> kept, long bodyLength, int trailer) implements Prepared {

        @Override
        public Exclusion exclusion(int storeLength) {
            return new Exclusion(8 + bodyLength, 8L + storeLength);
        }

        @Override
        public byte[] embed(byte[] store) {
            long riffSize = bodyLength + 8 + store.length + (store.length & 1);
            if (riffSize > 0xfffffffeL) {
                throw Bytes.malformed("WebP would exceed 4 GiB");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) riffSize + 8);
            out.writeBytes(header("RIFF", riffSize));
            out.writeBytes(Bytes.ascii("WEBP"));
            out.writeBytes(vp8x);
            for (Chunk c : kept) {
                writeChunk(out, asset, c);
            }
            out.writeBytes(header(STORE_CHUNK, store.length));
            out.writeBytes(store);
            if ((store.length & 1) != 0) {
                out.write(0);
            }
            out.write(asset, trailer, asset.length - trailer);
            return out.toByteArray();
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, byte[] asset, Chunk c) {
        out.write(asset, c.offset(), 8 + c.size());
        if ((c.size() & 1) != 0) {
            out.write(0);
        }
    }

    /** The VP8X chunk for a simple file; canvas size and alpha come from the bitstream header. */
    private static byte[] extendedHeader(byte[] asset, List<Chunk> chunks) {
        Chunk image = chunks.get(0);
        int p = image.dataStart();
        long width;
        long height;
        int flags = 0;
        if ("VP8L".equals(image.fourCc())) {
            if (image.size() < 5 || (asset[p] & 0xff) != 0x2f) {
                throw Bytes.malformed("bad VP8L header");
            }
            long bits = Bytes.u32le(asset, p + 1);
            width = (bits & 0x3fff) + 1;
            height = ((bits >>> 14) & 0x3fff) + 1;
            flags |= ((bits >>> 28) & 1) != 0 ? FLAG_ALPHA : 0;
        } else {
            if (image.size() < 10 || (asset[p + 3] & 0xff) != 0x9d || (asset[p + 4] & 0xff) != 0x01 || (asset[p + 5] & 0xff) != 0x2a) {
                throw Bytes.malformed("bad VP8 key frame header");
            }
            width = u16le(asset, p + 6) & 0x3fff;
            height = u16le(asset, p + 8) & 0x3fff;
        }
        for (Chunk c : chunks) {
            flags |= "XMP ".equals(c.fourCc()) ? FLAG_XMP : 0;
            flags |= "EXIF".equals(c.fourCc()) ? FLAG_EXIF : 0;
            flags |= "ICCP".equals(c.fourCc()) ? FLAG_ICC : 0;
        }
        byte[] chunk = new byte[18];
        System.arraycopy(header("VP8X", 10), 0, chunk, 0, 8);
        chunk[8] = (byte) flags;
        putU24le(chunk, 12, width - 1);
        putU24le(chunk, 15, height - 1);
        return chunk;
    }

    private static int u16le(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
    }

    private static void putU24le(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
    }

    private static byte[] header(String fourCc, long size) {
        byte[] h = new byte[8];
        System.arraycopy(Bytes.ascii(fourCc), 0, h, 0, 4);
        Bytes.putU32le(h, 4, size);
        return h;
    }

    private static Riff parse(byte[] asset) {
        if (asset.length < 12) {
            throw Bytes.malformed("WebP truncated");
        }
        long riffSize = Bytes.u32le(asset, 4);
        if (riffSize < 4 || riffSize > asset.length - 8L) {
            throw Bytes.malformed("RIFF size " + riffSize + " does not fit the file");
        }
        int end = (int) (8 + riffSize);
        List<Chunk> chunks = new ArrayList<>();
        int pos = 12;
        while (pos < end) {
            if (end - pos < 8) {
                throw Bytes.malformed("WebP chunk header truncated at " + pos);
            }
            long size = Bytes.u32le(asset, pos + 4);
            if (size > end - pos - 8L) {
                throw Bytes.malformed("WebP chunk at " + pos + " runs past the RIFF end");
            }
            chunks.add(new Chunk(pos, Bytes.fourCc(asset, pos), (int) size));
            pos += 8 + (int) size + (int) (size & 1);
        }
        return new Riff(chunks, Math.min(pos, asset.length));
    }
}
