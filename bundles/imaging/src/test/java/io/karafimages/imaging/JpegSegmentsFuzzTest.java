package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JPEG segment reader with any bytes: segments lie inside the file in order, the rest starts at a marker,
 * and a rewrite keeps every segment and the rest (fill bytes dropped); the whole-stream walk hands over pieces inside
 * the file, in order, without overlap, ending with EOI. The corpus in
 * {@code JpegSegmentsFuzzTestInputs/} (seeded with the c2pa codec fuzz corpus, whose container code moved here) runs in every build.
 */
class JpegSegmentsFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 300_000)
    void reads(byte[] data) {
        ContainerFuzzing.check(data, () -> {
            JpegSegments.Header header = JpegSegments.read(data);
            int previous = 2;
            long kept = 2;
            for (JpegSegments.Segment s : header.segments()) {
                assertTrue(s.offset() >= previous, "segments in order");
                ContainerFuzzing.inside(data, s.offset(), (long) s.offset() + s.length(), "segment");
                previous = s.offset() + s.length();
                kept += s.length();
            }
            ContainerFuzzing.inside(data, previous, header.restStart(), "rest");
            assertEquals(0xff, data[header.restStart()] & 0xff);
            byte[] rewritten = JpegSegments.rewrite(data, header, header.segments());
            assertEquals(kept + data.length - header.restStart(), rewritten.length);
        });
        ContainerFuzzing.check(data, () -> {
            int[] next = { 2 };
            JpegSegments.Segment[] last = { null };
            JpegSegments.walk(data, piece -> {
                assertTrue(last[0] == null || last[0].marker() != JpegSegments.EOI, "nothing after EOI");
                assertTrue(piece.offset() >= next[0], "pieces in order, without overlap");
                assertTrue(piece.length() >= 2 || piece.marker() == JpegSegments.SCAN_DATA && piece.length() > 0,
                        piece::toString);
                ContainerFuzzing.inside(data, piece.offset(), (long) piece.offset() + piece.length(), "piece");
                next[0] = piece.offset() + piece.length();
                last[0] = piece;
            });
            assertEquals(JpegSegments.EOI, last[0].marker(), "a walk that returns ended at EOI");
        });
    }
}
