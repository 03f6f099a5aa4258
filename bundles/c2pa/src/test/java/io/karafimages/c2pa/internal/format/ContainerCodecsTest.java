package io.karafimages.c2pa.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/** Embedding, extraction and replacement of stores per container, and the exclusion ranges. */
class ContainerCodecsTest {

    @Test
    void pngStoreGoesRightAfterIhdrAndReplacesAnOldOne() {
        byte[] png = TestImages.png(PngKind.RGB, 16, 16);
        byte[] once = embed(png, store(1001));
        byte[] twice = embed(once, store(77));

        assertArrayEquals(store(77), ContainerCodecs.forAsset(twice).readStore(twice).orElseThrow());
        assertEquals("caBX", new String(twice, 37, 4, StandardCharsets.ISO_8859_1), "second chunk");
        assertEquals(png.length + 77 + 12, twice.length, "old store removed");
        ContainerCodec.Exclusion exclusion = ContainerCodecs.forAsset(png).prepare(png).exclusion(77);
        assertEquals(33, exclusion.start());
        assertEquals(77 + 12, exclusion.length());
    }

    @Test
    void simpleLossyWebpBecomesExtendedWithCanvasSize() {
        byte[] webp = TestImages.fixture("src/gradient.webp");
        byte[] signed = embed(webp, store(101));

        List<String> chunks = chunks(signed);
        assertEquals(List.of("VP8X", "VP8 ", "C2PA"), chunks);
        assertEquals(0, signed[20], "no flags for an opaque lossy image");
        assertEquals(160, u24(signed, 24) + 1);
        assertEquals(120, u24(signed, 27) + 1);
        assertEquals(signed.length - 8, u32le(signed, 4), "RIFF size");
        assertEquals(0, signed[signed.length - 1], "pad byte after an odd-sized store");
        assertArrayEquals(store(101), ContainerCodecs.forAsset(signed).readStore(signed).orElseThrow());
    }

    @Test
    void losslessWebpWithAlphaKeepsTheAlphaFlag() {
        byte[] signed = embed(TestImages.webp(33, 17, true, true), store(64));

        assertEquals(List.of("VP8X", "VP8L", "C2PA"), chunks(signed));
        assertEquals(0x10, signed[20], "alpha flag from the VP8L header");
        assertEquals(33, u24(signed, 24) + 1);
        assertEquals(17, u24(signed, 27) + 1);
    }

    @Test
    void extendedWebpKeepsItsFlagsAndXmpChunk() {
        byte[] webp = TestImages.fixture("src/gradient-xmp.webp");
        byte[] signed = embed(embed(webp, store(500)), store(64));

        assertEquals(List.of("VP8X", "VP8 ", "XMP ", "C2PA"), chunks(signed));
        assertArrayEquals(Arrays.copyOfRange(webp, 12, webp.length), Arrays.copyOfRange(signed, 12, webp.length),
                "everything before the store unchanged");
        ContainerCodec.Exclusion exclusion = ContainerCodecs.forAsset(webp).prepare(webp).exclusion(64);
        assertEquals(webp.length, exclusion.start());
        assertEquals(64 + 8, exclusion.length());
    }

    @Test
    void jpegStoreIsSplitIntoJpegXtSegmentsAfterApp0() {
        byte[] jpeg = TestImages.jpeg(32, 32);
        byte[] big = store(200_000);
        byte[] signed = embed(embed(jpeg, store(3000)), big);

        assertArrayEquals(big, ContainerCodecs.forAsset(signed).readStore(signed).orElseThrow());
        assertEquals(0xe0, signed[3] & 0xff, "APP0 stays first");
        int app0End = 2 + 2 + (((signed[4] & 0xff) << 8) | (signed[5] & 0xff));
        ContainerCodec.Exclusion exclusion = ContainerCodecs.forAsset(jpeg).prepare(jpeg).exclusion(big.length);
        assertEquals(app0End, exclusion.start());
        assertEquals(4 * 4 + 8 + 3 * 16 + big.length, exclusion.length(), "four segments: markers, lengths, XT headers");
        assertEquals(jpeg.length + exclusion.length(), signed.length, "old store removed");
        int pos = app0End;
        for (int z = 1; z <= 4; z++) {
            assertEquals(0xeb, signed[pos + 1] & 0xff, "APP11");
            assertEquals("JP", new String(signed, pos + 4, 2, StandardCharsets.ISO_8859_1));
            assertEquals(z, ((signed[pos + 8] & 0xff) << 24) | ((signed[pos + 9] & 0xff) << 16) | ((signed[pos + 10] & 0xff) << 8) | (signed[pos + 11] & 0xff));
            if (z > 1) {
                assertArrayEquals(Arrays.copyOf(big, 8), Arrays.copyOfRange(signed, pos + 12, pos + 20), "LBox/TBox repeated");
            }
            pos += 2 + (((signed[pos + 2] & 0xff) << 8) | (signed[pos + 3] & 0xff));
        }
        assertEquals(exclusion.start() + exclusion.length(), pos, "exclusion ends after the last segment");
    }

    @Test
    void damagedOrUnknownFilesAreRejected() {
        byte[] png = TestImages.png(PngKind.RGB, 8, 8);
        C2paException truncated = assertThrows(C2paException.class, () -> embed(Arrays.copyOf(png, png.length - 20), store(100)));
        assertEquals(C2paException.Reason.MALFORMED_ASSET, truncated.reason());
        C2paException unknown = assertThrows(C2paException.class, () -> ContainerCodecs.forAsset("GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(C2paException.Reason.UNSUPPORTED_FORMAT, unknown.reason());
        byte[] badRiff = TestImages.fixture("src/gradient.webp");
        badRiff[16] = 0x7f; // first chunk claims a huge size
        assertThrows(C2paException.class, () -> ContainerCodecs.forFormat(AssetFormat.WEBP).prepare(badRiff));
    }

    /** A fake store: a JUMBF-like prefix (so JPEG can recognise it) then random bytes. */
    private static byte[] store(int length) {
        byte[] store = new byte[length];
        new Random(length).nextBytes(store);
        byte[] head = {0, 0, 0, 0, 'j', 'u', 'm', 'b', 0, 0, 0, 0, 'j', 'u', 'm', 'd', 'c', '2', 'p', 'a'};
        System.arraycopy(head, 0, store, 0, head.length);
        store[0] = (byte) (length >>> 24);
        store[1] = (byte) (length >>> 16);
        store[2] = (byte) (length >>> 8);
        store[3] = (byte) length;
        return store;
    }

    private static byte[] embed(byte[] asset, byte[] store) {
        return ContainerCodecs.forAsset(asset).prepare(asset).embed(store);
    }

    private static List<String> chunks(byte[] webp) {
        List<String> types = new ArrayList<>();
        for (int pos = 12; pos < webp.length; ) {
            types.add(new String(webp, pos, 4, StandardCharsets.ISO_8859_1));
            long size = u32le(webp, pos + 4);
            pos += 8 + size + (size & 1);
        }
        return types;
    }

    private static long u32le(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((long) (b[p + 3] & 0xff) << 24);
    }

    private static int u24(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16);
    }
}
