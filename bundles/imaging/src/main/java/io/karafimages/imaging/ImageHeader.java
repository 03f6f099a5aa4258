package io.karafimages.imaging;

import java.util.Optional;

/**
 * What the header of an image says, read without decoding a pixel: PNG {@code IHDR} (and an {@code eXIf} chunk),
 * JPEG SOF segment (and an Exif APP1), WebP {@code VP8X}/{@code VP8 }/{@code VP8L} header (and an {@code EXIF}
 * chunk). Cheap enough to run on every provider answer; a broken pixel stream only shows when decoding.
 *
 * @param format      the container format
 * @param width       stored width in pixels, at least 1
 * @param height      stored height in pixels, at least 1
 * @param orientation EXIF orientation 1..8 (1 = upright, also when absent); 5..8 swap width and height
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {
    public ImageHeader {
        if (width < 1 || height < 1 || orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("implausible header " + width + "x" + height + "/" + orientation);
        }
    }

    /** @return width times height */
    public long pixels() {
        return (long) width * height;
    }

    /** @return the width once the orientation is applied */
    public int uprightWidth() {
        return orientation >= 5 ? height : width;
    }

    /** @return the height once the orientation is applied */
    public int uprightHeight() {
        return orientation >= 5 ? width : height;
    }

    /**
     * @param data any bytes, may be {@code null}
     * @return the header, or empty when the bytes are no PNG, JPEG or WebP with a readable, positive size
     */
    public static Optional<ImageHeader> read(byte[] data) {
        Optional<ImageFormat> format = ImageFormat.sniff(data);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        try {
            return switch (format.get()) {
                case PNG -> png(data);
                case JPEG -> jpeg(data);
                case WEBP -> webp(data);
            };
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty(); // every read is bounds-checked; this is a guard, not a path
        }
    }

    private static final int[] PNG_BIT_DEPTHS = { 1, 2, 4, 8, 16 };

    private static Optional<ImageHeader> png(byte[] d) {
        if (d.length < 33 || Bytes.u32be(d, 8) != 13 || !Bytes.is(d, 12, "IHDR")) {
            return Optional.empty();
        }
        long w = Bytes.u32be(d, 16);
        long h = Bytes.u32be(d, 20);
        int depth = d[24];
        int colour = d[25];
        boolean depthOk = false;
        for (int b : PNG_BIT_DEPTHS) {
            depthOk |= b == depth;
        }
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE || !depthOk
                || !(colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6)) {
            return Optional.empty();
        }
        int orientation = 1;
        for (PngChunks.Chunk c : PngChunks.scan(d, false)) {
            if ("eXIf".equals(c.type())) {
                orientation = Exif.orientation(d, c.dataOffset(), c.dataOffset() + c.length());
                break;
            }
        }
        return Optional.of(new ImageHeader(ImageFormat.PNG, (int) w, (int) h, orientation));
    }

    private static Optional<ImageHeader> jpeg(byte[] d) {
        int orientation = 1;
        boolean exifSeen = false;
        int width = -1;
        int height = -1;
        for (JpegSegments.Segment s : JpegSegments.scan(d, false).segments()) {
            int m = s.marker();
            if (m == 0xe1 && !exifSeen && s.startsWith(d, "Exif\0\0")) {
                exifSeen = true; // the first Exif counts, before or after the frame header
                orientation = Exif.orientation(d, s.contentStart() + 6, s.offset() + s.length());
            } else if (isStartOfFrame(m) && s.contentLength() >= 5 && width < 0) {
                height = Bytes.u16be(d, s.contentStart() + 1);
                width = Bytes.u16be(d, s.contentStart() + 3);
            }
        }
        // height 0 means "defined later by a DNL segment", which nothing here supports
        return width > 0 && height > 0 ? Optional.of(new ImageHeader(ImageFormat.JPEG, width, height, orientation))
                : Optional.empty();
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int m) {
        return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
    }

    private static Optional<ImageHeader> webp(byte[] d) {
        if (d.length < 20) {
            return Optional.empty();
        }
        // the bitstream header is read from the bytes there, whatever the chunk's size field says (as decoders do):
        // a file cut short after the header is still sniffed, and decoding finds out
        RiffChunks.Chunk first = new RiffChunks.Chunk(12, Bytes.fourCc(d, 12), d.length - 20);
        Optional<RiffChunks.Canvas> canvas = RiffChunks.canvas(d, first);
        if (canvas.isEmpty()) {
            return Optional.empty();
        }
        int orientation = 1;
        if ("VP8X".equals(first.fourCc())) {
            for (RiffChunks.Chunk c : RiffChunks.scan(d, false).chunks()) {
                if ("EXIF".equals(c.fourCc())) {
                    // the EXIF chunk is the TIFF structure; some writers keep the "Exif\0\0" prefix of JPEG
                    int at = Bytes.is(d, c.dataStart(), "Exif\0\0") ? c.dataStart() + 6 : c.dataStart();
                    orientation = Exif.orientation(d, at, c.dataStart() + c.size());
                    break;
                }
            }
        }
        RiffChunks.Canvas size = canvas.get();
        return Optional.of(new ImageHeader(ImageFormat.WEBP, size.width(), size.height(), orientation));
    }
}
