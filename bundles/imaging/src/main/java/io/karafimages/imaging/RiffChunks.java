package io.karafimages.imaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A RIFF file (WebP) as its chunks: little-endian sizes, payloads padded to an even length. Bytes after the RIFF
 * chunk are the caller's to keep or drop ({@link Riff#end()}). Also the WebP canvas: the {@code VP8X} header of
 * the extended format, and the size in a simple file's {@code VP8 }/{@code VP8L} bitstream header.
 */
public final class RiffChunks {
    /** VP8X flag: an ICC profile chunk is present. */
    public static final int FLAG_ICC = 0x20;
    /** VP8X flag: the image has alpha. */
    public static final int FLAG_ALPHA = 0x10;
    /** VP8X flag: an EXIF chunk is present. */
    public static final int FLAG_EXIF = 0x08;
    /** VP8X flag: an XMP chunk is present. */
    public static final int FLAG_XMP = 0x04;

    /**
     * One chunk.
     *
     * @param offset offset of its FourCC
     * @param fourCc e.g. {@code VP8X}
     * @param size   data size without the pad byte
     */
    public record Chunk(int offset, String fourCc, int size) {
        /** @return offset of the data */
        public int dataStart() {
            return offset + 8;
        }

        /** @return a copy of its data */
        public byte[] data(byte[] riff) {
            byte[] d = new byte[size];
            System.arraycopy(riff, dataStart(), d, 0, size);
            return d;
        }
    }

    /**
     * The parsed file.
     *
     * @param chunks the chunks inside the RIFF chunk
     * @param end    where the RIFF chunk ends (bytes after it are a trailer)
     */
    public record Riff(List<Chunk> chunks, int end) {
        public Riff {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * A WebP canvas.
     *
     * @param width  pixels, at least 1
     * @param height pixels, at least 1
     * @param alpha  whether the bitstream (VP8L) or the VP8X header says the image has alpha
     */
    public record Canvas(int width, int height, boolean alpha) {
    }

    private RiffChunks() {
    }

    /**
     * @param riff a RIFF file (the form type at offset 8 is not checked)
     * @return its chunks
     * @throws ImageException ({@code unsupported_image}) when the RIFF size does not fit the file or a chunk runs
     *                        past the RIFF end
     */
    public static Riff read(byte[] riff) {
        return scan(riff, true);
    }

    static Riff scan(byte[] riff, boolean strict) {
        List<Chunk> chunks = new ArrayList<>();
        if (riff.length < 12 || !Bytes.is(riff, 0, "RIFF")) {
            return fail(strict, "RIFF truncated", chunks);
        }
        long riffSize = Bytes.u32le(riff, 4);
        if (riffSize < 4 || riffSize > riff.length - 8L) {
            if (strict) {
                throw ImageException.unsupported("RIFF size " + riffSize + " does not fit the file");
            }
            riffSize = riff.length - 8L; // lenient: read what is there
        }
        int end = (int) (8 + riffSize);
        int pos = 12;
        while (pos < end) {
            if (end - pos < 8) {
                return fail(strict, "RIFF chunk header truncated at " + pos, chunks);
            }
            long size = Bytes.u32le(riff, pos + 4);
            if (size > end - pos - 8L) {
                return fail(strict, "RIFF chunk at " + pos + " runs past the RIFF end", chunks);
            }
            chunks.add(new Chunk(pos, Bytes.fourCc(riff, pos), (int) size));
            pos += 8 + (int) size + (int) (size & 1);
        }
        return new Riff(chunks, Math.min(pos, riff.length));
    }

    private static Riff fail(boolean strict, String message, List<Chunk> sofar) {
        if (strict) {
            throw ImageException.unsupported(message);
        }
        return new Riff(sofar, -1);
    }

    /** @return a chunk header: FourCC and little-endian size */
    public static byte[] header(String fourCc, long size) {
        byte[] h = new byte[8];
        byte[] f = Bytes.ascii(fourCc);
        if (f.length != 4) {
            throw new IllegalArgumentException("a FourCC has four letters: " + fourCc);
        }
        System.arraycopy(f, 0, h, 0, 4);
        Bytes.putU32le(h, 4, size);
        return h;
    }

    /** Writes a chunk: header, data and the pad byte when the size is odd. */
    public static void write(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(header(fourCc, data.length));
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
    }

    /** Copies a chunk of {@code riff}: header and data as they are, then a zero pad byte when the size is odd. */
    public static void copy(byte[] riff, Chunk chunk, ByteArrayOutputStream out) {
        out.write(riff, chunk.offset(), 8 + chunk.size());
        if ((chunk.size() & 1) != 0) {
            out.write(0);
        }
    }

    /** @return the bytes a chunk takes in the file: header, data, pad */
    public static long footprint(int size) {
        return 8L + size + (size & 1);
    }

    /**
     * The canvas of a WebP image chunk: {@code VP8X} (canvas fields and alpha flag), {@code VP8 } (key frame
     * header) or {@code VP8L} (header byte 0x2F).
     *
     * @return the canvas, or empty when the chunk is none of these or its header is damaged
     */
    public static Optional<Canvas> canvas(byte[] riff, Chunk image) {
        int p = image.dataStart();
        switch (image.fourCc()) {
            case "VP8X":
                if (image.size() < 10) {
                    return Optional.empty();
                }
                return Optional.of(new Canvas(Bytes.u24le(riff, p + 4) + 1, Bytes.u24le(riff, p + 7) + 1,
                        (riff[p] & FLAG_ALPHA) != 0));
            case "VP8 ":
                if (image.size() < 10 || (riff[p + 3] & 0xff) != 0x9d || (riff[p + 4] & 0xff) != 0x01
                        || (riff[p + 5] & 0xff) != 0x2a) {
                    return Optional.empty();
                }
                int w = Bytes.u16le(riff, p + 6) & 0x3fff;
                int h = Bytes.u16le(riff, p + 8) & 0x3fff;
                return w > 0 && h > 0 ? Optional.of(new Canvas(w, h, false)) : Optional.empty();
            case "VP8L":
                if (image.size() < 5 || (riff[p] & 0xff) != 0x2f) {
                    return Optional.empty();
                }
                long bits = Bytes.u32le(riff, p + 1);
                return Optional.of(new Canvas((int) (bits & 0x3fff) + 1, (int) ((bits >>> 14) & 0x3fff) + 1,
                        ((bits >>> 28) & 1) != 0));
            default:
                return Optional.empty();
        }
    }

    /**
     * The {@code VP8X} chunk (header included) that makes a simple WebP extended: canvas and alpha from its image
     * chunk (the first), the ICC, EXIF and XMP flags from the chunks present.
     *
     * @throws ImageException ({@code unsupported_image}) when the first chunk is not a readable VP8/VP8L header
     */
    public static byte[] extendedHeader(byte[] riff, List<Chunk> chunks) {
        if (chunks.isEmpty()) {
            throw ImageException.unsupported("WebP has no image chunk");
        }
        Chunk image = chunks.get(0);
        if ("VP8X".equals(image.fourCc())) {
            throw new IllegalArgumentException("already extended");
        }
        Canvas canvas = canvas(riff, image).orElseThrow(() -> ImageException.unsupported(
                "bad " + image.fourCc().trim() + " header"));
        int flags = canvas.alpha() ? FLAG_ALPHA : 0;
        for (Chunk c : chunks) {
            flags |= "XMP ".equals(c.fourCc()) ? FLAG_XMP : 0;
            flags |= "EXIF".equals(c.fourCc()) ? FLAG_EXIF : 0;
            flags |= "ICCP".equals(c.fourCc()) ? FLAG_ICC : 0;
        }
        byte[] chunk = new byte[18];
        System.arraycopy(header("VP8X", 10), 0, chunk, 0, 8);
        chunk[8] = (byte) flags;
        putU24le(chunk, 12, canvas.width() - 1);
        putU24le(chunk, 15, canvas.height() - 1);
        return chunk;
    }

    private static void putU24le(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
    }
}
