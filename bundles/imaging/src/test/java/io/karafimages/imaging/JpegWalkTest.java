package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;

/** {@link JpegSegments#walk}: the whole stream, scans and what lies between them, up to EOI. */
class JpegWalkTest {
    private static final byte[] JPEG = Samples.encode(Samples.marked(30, 20), "jpeg");

    @Test
    void theHeaderSegmentsThenTheScanThenEoiMakeTheFile() {
        List<JpegSegments.Segment> pieces = walk(JPEG);
        JpegSegments.Header header = JpegSegments.read(JPEG);
        assertEquals(header.segments(), pieces.subList(0, header.segments().size()), "read() sees the same header");
        assertEquals(JpegSegments.SOS, pieces.get(header.segments().size()).marker());
        assertEquals(JpegSegments.SCAN_DATA, pieces.get(header.segments().size() + 1).marker());
        assertEquals(new JpegSegments.Segment(JPEG.length - 2, JpegSegments.EOI, 2), pieces.get(pieces.size() - 1));
        assertArrayEquals(JPEG, concat(JPEG, pieces));
    }

    @Test
    void everyScanOfAProgressiveJpegAndTheSegmentsBetweenThemAreVisited() throws IOException {
        byte[] progressive = progressive(Samples.marked(64, 48));
        List<JpegSegments.Segment> pieces = walk(progressive);
        long scans = pieces.stream().filter(p -> p.marker() == JpegSegments.SOS).count();
        assertTrue(scans > 1, "a progressive JPEG has several scans: " + scans);
        assertEquals(scans, pieces.stream().filter(p -> p.marker() == JpegSegments.SCAN_DATA).count());
        assertTrue(pieces.stream().filter(p -> p.marker() == 0xc4).count() > 1, "Huffman tables between scans");
        assertArrayEquals(progressive, concat(progressive, pieces));
    }

    @Test
    void stuffedBytesAndRestartMarkersStayInTheScanAndFillBytesAndTrailersGo() {
        byte[] stream = bytes(0xff, 0xd8, // SOI
                0xff, 0xff, 0xfe, 0, 4, 'h', 'i', // a fill byte, then COM "hi"
                0xff, 0xda, 0, 3, 1, // a scan header (its content is not read)
                0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, // data, a stuffed byte, RST0, a fill byte
                0xff, 0xd9, // EOI
                'M', 'O', 'V'); // a trailer
        List<JpegSegments.Segment> pieces = walk(stream);
        assertEquals(List.of(new JpegSegments.Segment(3, 0xfe, 6), new JpegSegments.Segment(9, JpegSegments.SOS, 5),
                new JpegSegments.Segment(14, JpegSegments.SCAN_DATA, 9),
                new JpegSegments.Segment(23, JpegSegments.EOI, 2)), pieces);
        assertArrayEquals(Arrays.copyOf(bytes(0xff, 0xd8, 0xff, 0xfe, 0, 4, 'h', 'i'), 8),
                Arrays.copyOf(concat(stream, pieces), 8), "the fill byte before COM is dropped");
        assertEquals(stream.length - 1 - 3, concat(stream, pieces).length, "fill byte and trailer dropped");
    }

    @Test
    void damageAndAMissingEndOfImageAreRefused() {
        assertUnsupported(Arrays.copyOf(JPEG, JPEG.length - 2), "no EOI");
        assertUnsupported(Arrays.copyOf(JPEG, 30), "cut in a segment");
        assertUnsupported(Samples.encode(Samples.marked(30, 20), "png"), "no SOI");
        assertUnsupported(bytes(0xff, 0xd8, 0x00, 0x00, 0xff, 0xd9), "no marker where one must be");
        assertUnsupported(bytes(0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01, 0xff, 0xd9), "a length below 2");
        assertUnsupported(bytes(0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 0xff, 0xd9), "a segment past the end");
    }

    private static List<JpegSegments.Segment> walk(byte[] jpeg) {
        List<JpegSegments.Segment> pieces = new ArrayList<>();
        JpegSegments.walk(jpeg, pieces::add);
        return pieces;
    }

    private static byte[] concat(byte[] jpeg, List<JpegSegments.Segment> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        pieces.forEach(p -> JpegSegments.copy(jpeg, p, out));
        return out.toByteArray();
    }

    private static void assertUnsupported(byte[] data, String what) {
        ImageException e = assertThrows(ImageException.class, () -> JpegSegments.walk(data, p -> { }), what);
        assertEquals(ImageException.Reason.UNSUPPORTED, e.reason(), what);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] progressive(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
