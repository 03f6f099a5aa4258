package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.RiffChunks;
import io.karafimages.imaging.RiffChunks.Chunk;
import io.karafimages.imaging.RiffChunks.Riff;

/**
 * WebP: the store lives in a {@code C2PA} chunk at the end of the RIFF chunk. A simple file
 * ({@code VP8 } or {@code VP8L} alone) may not carry extra chunks, so it is rewritten to the
 * extended layout: a {@code VP8X} header (canvas size from the bitstream, alpha flag from VP8L,
 * XMP/EXIF/ICC flags from the chunks present) is put in front; all other chunks are kept byte for
 * byte. The exclusion covers the {@code C2PA} chunk header and data (not the RIFF pad byte, which
 * is zero and hashed, as c2pa-rs does). Chunks are read and written by the imaging module's {@link RiffChunks}.
 */
final class WebpCodec implements ContainerCodec {

    private static final String STORE_CHUNK = "C2PA";

    @Override
    public AssetFormat format() {
        return AssetFormat.WEBP;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        for (Chunk c : parse(asset).chunks()) {
            if (STORE_CHUNK.equals(c.fourCc())) {
                return Optional.of(c.data(asset));
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
            try {
                vp8x = RiffChunks.extendedHeader(asset, kept);
            } catch (ImageException e) {
                throw Bytes.malformed(e.getMessage());
            }
        } else {
            throw Bytes.malformed("WebP starts with chunk '" + first + "'");
        }
        long body = 4L + vp8x.length;
        for (Chunk c : kept) {
            body += RiffChunks.footprint(c.size());
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
            long riffSize = bodyLength + RiffChunks.footprint(store.length);
            if (riffSize > 0xfffffffeL) {
                throw Bytes.malformed("WebP would exceed 4 GiB");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) riffSize + 8);
            out.writeBytes(RiffChunks.header("RIFF", riffSize));
            out.writeBytes(Bytes.ascii("WEBP"));
            out.writeBytes(vp8x);
            for (Chunk c : kept) {
                RiffChunks.copy(asset, c, out);
            }
            RiffChunks.write(out, STORE_CHUNK, store);
            out.write(asset, trailer, asset.length - trailer);
            return out.toByteArray();
        }
    }

    private static Riff parse(byte[] asset) {
        try {
            return RiffChunks.read(asset);
        } catch (ImageException e) {
            throw Bytes.malformed(e.getMessage());
        }
    }
}
