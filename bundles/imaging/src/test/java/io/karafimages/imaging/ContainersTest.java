package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** PNG chunks, JPEG segments and RIFF chunks: read, write back byte for byte, and refuse damage with a typed error. */
class ContainersTest {
    private static final byte[] PNG = Samples.encode(Samples.marked(30, 20), "png");
    private static final byte[] JPEG = Samples.encode(Samples.marked(30, 20), "jpeg");
    private static final byte[] WEBP = Samples.webp(Samples.marked(30, 20), true);

    @Test
    void pngChunksRoundTripAndWrittenChunksCarryTheirCrc() {
        List<PngChunks.Chunk> chunks = PngChunks.read(PNG);
        assertEquals("IHDR", chunks.get(0).type());
        assertEquals(13, chunks.get(0).length());
        assertEquals("IEND", chunks.get(chunks.size() - 1).type());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(PngChunks.signature());
        chunks.forEach(c -> PngChunks.copy(PNG, c, copy));
        assertArrayEquals(PNG, copy.toByteArray());

        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.writeBytes(PngChunks.signature());
        chunks.forEach(c -> PngChunks.write(rewritten, c.type(), c.data(PNG)));
        assertArrayEquals(PNG, rewritten.toByteArray(), "the CRC written is the one the JDK's writer wrote");

        byte[] withText = Samples.pngWithExif(PNG, 1);
        PngChunks.Chunk exif = PngChunks.read(withText).get(1);
        assertEquals("eXIf", exif.type());
        assertEquals(Samples.crc(withText, exif), Bytes.u32be(withText, exif.end() - 4));
        assertTrue(new String(PngChunks.itxt("XML:com.adobe.xmp", "<x/>"), java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("XML:com.adobe.xmp\0\0\0\0\0<x/>"));
    }

    @Test
    void damagedPngsAreUnsupportedImages() {
        assertUnsupported(() -> PngChunks.read(Arrays.copyOf(PNG, PNG.length - 12)), "no IEND");
        assertUnsupported(() -> PngChunks.read(Arrays.copyOf(PNG, 40)), "cut in a chunk");
        byte[] huge = PNG.clone();
        Bytes.putU32be(huge, 8, 0xffff_fff0L);
        assertUnsupported(() -> PngChunks.read(huge), "a length past the end");
        assertUnsupported(() -> PngChunks.read(JPEG), "no signature");
        byte[] trailer = Arrays.copyOf(PNG, PNG.length + 3);
        List<PngChunks.Chunk> chunks = PngChunks.read(trailer);
        assertEquals(PNG.length, chunks.get(chunks.size() - 1).end(), "bytes after IEND are a trailer");
    }

    @Test
    void jpegSegmentsRoundTripAndTheScanIsKept() {
        JpegSegments.Header header = JpegSegments.read(JPEG);
        assertEquals(0xe0, header.segments().get(0).marker(), "JFIF first");
        assertTrue(header.segments().get(0).startsWith(JPEG, "JFIF\0"));
        assertEquals(0xda, JPEG[header.restStart() + 1] & 0xff);
        assertArrayEquals(JPEG, JpegSegments.rewrite(JPEG, header, header.segments()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JpegSegments.write(out, 0xfe, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 7, 'h', 'e', 'l', 'l', 'o' }, out.toByteArray());
        assertThrows(IllegalArgumentException.class,
                () -> JpegSegments.write(new ByteArrayOutputStream(), 0xe1, new byte[JpegSegments.MAX_CONTENT + 1]));
    }

    @Test
    void jpegFillBytesAreSkippedAndDamageIsRefused() {
        byte[] filled = new byte[JPEG.length + 2];
        filled[0] = (byte) 0xff;
        filled[1] = (byte) 0xd8;
        filled[2] = (byte) 0xff; // two fill bytes before the first marker
        filled[3] = (byte) 0xff;
        System.arraycopy(JPEG, 2, filled, 4, JPEG.length - 2);
        JpegSegments.Header header = JpegSegments.read(filled);
        assertEquals(JpegSegments.read(JPEG).segments().size(), header.segments().size());
        assertEquals(4, header.segments().get(0).offset());

        int first = JpegSegments.read(JPEG).segments().get(0).offset();
        byte[] zeroLength = JPEG.clone();
        zeroLength[first + 2] = 0;
        zeroLength[first + 3] = 1;
        assertUnsupported(() -> JpegSegments.read(zeroLength), "a length below 2");
        assertUnsupported(() -> JpegSegments.read(Arrays.copyOf(JPEG, 100)), "cut before the scan");
        byte[] standalone = JPEG.clone();
        standalone[first + 1] = (byte) 0xd0;
        assertUnsupported(() -> JpegSegments.read(standalone), "RST0 before the scan");
        assertUnsupported(() -> JpegSegments.read(PNG), "no SOI");
    }

    @Test
    void riffChunksRoundTripAndTheCanvasIsReadFromTheBitstream() {
        RiffChunks.Riff riff = RiffChunks.read(WEBP);
        assertEquals("VP8L", riff.chunks().get(0).fourCc());
        assertEquals(WEBP.length, riff.end());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(Arrays.copyOfRange(WEBP, 8, 12));
        riff.chunks().forEach(c -> RiffChunks.copy(WEBP, c, body));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(RiffChunks.header("RIFF", body.size()));
        file.writeBytes(body.toByteArray());
        assertArrayEquals(WEBP, file.toByteArray());

        assertEquals(new RiffChunks.Canvas(30, 20, false), RiffChunks.canvas(WEBP, riff.chunks().get(0)).orElseThrow());
        byte[] vp8x = RiffChunks.extendedHeader(WEBP, riff.chunks());
        assertEquals(18, vp8x.length);
        RiffChunks.Chunk header = new RiffChunks.Chunk(0, "VP8X", 10);
        assertEquals(new RiffChunks.Canvas(30, 20, false), RiffChunks.canvas(vp8x, header).orElseThrow());

        ByteArrayOutputStream odd = new ByteArrayOutputStream();
        RiffChunks.write(odd, "XMP ", new byte[] { 1, 2, 3 });
        assertEquals(12, odd.size(), "header, data and the pad byte");
        assertEquals(12, RiffChunks.footprint(3));
    }

    @Test
    void damagedRiffsAreUnsupportedImages() {
        byte[] tooBig = WEBP.clone();
        Bytes.putU32le(tooBig, 4, WEBP.length);
        assertUnsupported(() -> RiffChunks.read(tooBig), "RIFF size past the end");
        byte[] chunkTooBig = WEBP.clone();
        Bytes.putU32le(chunkTooBig, 16, WEBP.length);
        assertUnsupported(() -> RiffChunks.read(chunkTooBig), "chunk past the RIFF end");
        assertUnsupported(() -> RiffChunks.read(Arrays.copyOf(WEBP, 11)), "cut in the header");
        byte[] trailer = Arrays.copyOf(WEBP, WEBP.length + 5);
        assertEquals(WEBP.length, RiffChunks.read(trailer).end(), "bytes after the RIFF chunk are a trailer");
        byte[] badVp8l = WEBP.clone();
        badVp8l[20] = 0;
        assertUnsupported(() -> RiffChunks.extendedHeader(badVp8l, RiffChunks.read(badVp8l).chunks()), "VP8L sig");
    }

    private static void assertUnsupported(org.junit.jupiter.api.function.Executable read, String what) {
        ImageException e = assertThrows(ImageException.class, read, what);
        assertEquals(ImageException.Reason.UNSUPPORTED, e.reason(), what);
    }
}
