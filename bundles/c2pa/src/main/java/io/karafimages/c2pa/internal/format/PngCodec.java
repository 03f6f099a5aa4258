package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import io.karafimages.c2pa.AssetFormat;

/**
 * PNG: the store lives in a {@code caBX} chunk, written right after {@code IHDR} (so before
 * {@code IDAT}, as the specification recommends). The exclusion covers the whole chunk: length,
 * type, data and CRC.
 */
final class PngCodec implements ContainerCodec {

    private static final int SIGNATURE_LENGTH = 8;
    private static final String STORE_CHUNK = "caBX";

    /** A chunk: offset of its length field, data length and type. */
    private record Chunk(int offset, int dataLength, String type) {
        int totalLength() {
            return 12 + dataLength;
        }
    }

    @Override
    public AssetFormat format() {
        return AssetFormat.PNG;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        for (Chunk c : chunks(asset)) {
            if (STORE_CHUNK.equals(c.type())) {
                byte[] data = new byte[c.dataLength()];
                System.arraycopy(asset, c.offset() + 8, data, 0, data.length);
                return Optional.of(data);
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
        return new PngPrepared(asset, ihdr.offset() + ihdr.totalLength(), rest, last.offset() + last.totalLength());
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
            writeChunk(out, STORE_CHUNK, store);
            for (Chunk c : rest) {
                out.write(asset, c.offset(), c.totalLength());
            }
            out.write(asset, trailerStart, asset.length - trailerStart);
            return out.toByteArray();
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] header = new byte[8];
        Bytes.putU32be(header, 0, data.length);
        System.arraycopy(Bytes.ascii(type), 0, header, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(header, 4, 4);
        crc.update(data);
        byte[] crcBytes = new byte[4];
        Bytes.putU32be(crcBytes, 0, crc.getValue());
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(crcBytes);
    }

    /** All chunks up to and including IEND; bytes after IEND are kept as an opaque trailer. */
    private static List<Chunk> chunks(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        int pos = SIGNATURE_LENGTH;
        while (true) {
            if (png.length - pos < 12) {
                throw Bytes.malformed("PNG truncated at offset " + pos);
            }
            long length = Bytes.u32be(png, pos);
            if (length > png.length - pos - 12L) {
                throw Bytes.malformed("PNG chunk at offset " + pos + " runs past the end");
            }
            Chunk chunk = new Chunk(pos, (int) length, Bytes.fourCc(png, pos + 4));
            chunks.add(chunk);
            pos += chunk.totalLength();
            if ("IEND".equals(chunk.type())) {
                return chunks;
            }
        }
    }
}
