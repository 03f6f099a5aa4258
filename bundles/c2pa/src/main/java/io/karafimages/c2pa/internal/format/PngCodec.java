package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.PngChunks;
import io.karafimages.imaging.PngChunks.Chunk;

/**
 * PNG: the store lives in a {@code caBX} chunk, written right after {@code IHDR} (so before
 * {@code IDAT}, as the specification recommends). The exclusion covers the whole chunk: length,
 * type, data and CRC. Chunks are read and written by the imaging module's {@link PngChunks}.
 */
final class PngCodec implements ContainerCodec {

    private static final String STORE_CHUNK = "caBX";

    @Override
    public AssetFormat format() {
        return AssetFormat.PNG;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        for (Chunk c : chunks(asset)) {
            if (STORE_CHUNK.equals(c.type())) {
                return Optional.of(c.data(asset));
            }
        }
        return Optional.empty();
    }

    @Override
    public Prepared prepare(byte[] asset) {
        List<Chunk> chunks = chunks(asset);
        if (chunks.isEmpty() || !"IHDR".equals(chunks.get(0).type())) {
            throw Bytes.malformed("PNG does not start with IHDR");
        }
        if (chunks.stream().noneMatch(c -> "IDAT".equals(c.type()))) {
            throw Bytes.malformed("PNG has no IDAT chunk");
        }
        Chunk ihdr = chunks.get(0);
        List<Chunk> rest = chunks.stream().skip(1).filter(c -> !STORE_CHUNK.equals(c.type())).toList();
        Chunk last = chunks.get(chunks.size() - 1);
        return new PngPrepared(asset, ihdr.end(), rest, last.end());
    }

    /** The file split at the insertion point; chunks after IHDR without the old store; bytes after IEND. */
    private record PngPrepared(byte[] asset, int insertAt, List<Chunk> rest, int trailerStart) implements Prepared {

        @Override
        public Exclusion exclusion(int storeLength) {
            return new Exclusion(insertAt, 12L + storeLength);
        }

        @Override
        public byte[] embed(byte[] store) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(asset.length + store.length + 12);
            out.write(asset, 0, insertAt);
            PngChunks.write(out, STORE_CHUNK, store);
            for (Chunk c : rest) {
                PngChunks.copy(asset, c, out);
            }
            out.write(asset, trailerStart, asset.length - trailerStart);
            return out.toByteArray();
        }
    }

    /** All chunks up to and including IEND; bytes after IEND are kept as an opaque trailer. */
    private static List<Chunk> chunks(byte[] png) {
        try {
            return PngChunks.read(png);
        } catch (ImageException e) {
            throw Bytes.malformed(e.getMessage());
        }
    }
}
