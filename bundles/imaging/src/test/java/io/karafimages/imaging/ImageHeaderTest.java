package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Format sniffing and the header probe: each format, orientation, and truncated or damaged headers. */
class ImageHeaderTest {
    private static final byte[] PNG = Samples.encode(Samples.marked(30, 20), "png");
    private static final byte[] JPEG = Samples.encode(Samples.marked(30, 20), "jpeg");
    private static final byte[] LOSSY = Samples.webp(Samples.marked(30, 20), false);
    private static final byte[] LOSSLESS = Samples.webp(Samples.marked(31, 21), true);

    @Test
    void sniffsEachFormatFromItsSignatureAlone() {
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.sniff(Arrays.copyOf(PNG, 8)));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.sniff(Arrays.copyOf(JPEG, 3)));
        assertEquals(Optional.of(ImageFormat.WEBP), ImageFormat.sniff(Arrays.copyOf(LOSSY, 12)));
        assertEquals(Optional.empty(), ImageFormat.sniff(Arrays.copyOf(PNG, 7)));
        assertEquals(Optional.empty(), ImageFormat.sniff("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageFormat.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageFormat.sniff(new byte[0]));
        assertEquals(Optional.empty(), ImageFormat.sniff(null));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.ofMediaType("image/jpg"));
        assertEquals(Optional.of(ImageFormat.WEBP), ImageFormat.ofMediaType("IMAGE/WEBP"));
        assertEquals(Optional.empty(), ImageFormat.ofMediaType("image/gif"));
    }

    @Test
    void readsTheSizeOfEveryFormatAndLayout() {
        assertEquals(new ImageHeader(ImageFormat.PNG, 30, 20, 1), ImageHeader.read(PNG).orElseThrow());
        assertEquals(new ImageHeader(ImageFormat.JPEG, 30, 20, 1), ImageHeader.read(JPEG).orElseThrow());
        assertEquals(new ImageHeader(ImageFormat.WEBP, 30, 20, 1), ImageHeader.read(LOSSY).orElseThrow(), "VP8");
        assertEquals(new ImageHeader(ImageFormat.WEBP, 31, 21, 1), ImageHeader.read(LOSSLESS).orElseThrow(), "VP8L");
        byte[] extended = Samples.webpWithExif(LOSSY, 1);
        assertEquals("VP8X", Bytes.fourCc(extended, 12));
        assertEquals(new ImageHeader(ImageFormat.WEBP, 30, 20, 1), ImageHeader.read(extended).orElseThrow(), "VP8X");
    }

    @Test
    void readsTheExifOrientationOfEveryFormat() {
        ImageHeader png = ImageHeader.read(Samples.pngWithExif(PNG, 6)).orElseThrow();
        assertEquals(6, png.orientation());
        assertEquals(20, png.uprightWidth());
        assertEquals(30, png.uprightHeight());
        assertEquals(3, ImageHeader.read(Samples.jpegWithExif(JPEG, 3)).orElseThrow().orientation());
        assertEquals(8, ImageHeader.read(Samples.webpWithExif(LOSSLESS, 8)).orElseThrow().orientation());
        assertEquals(1, ImageHeader.read(Samples.pngWithExif(PNG, 9)).orElseThrow().orientation(), "out of range");
        assertEquals(1, ImageHeader.read(Samples.pngWithExif(PNG, 0)).orElseThrow().orientation(), "out of range");
    }

    @Test
    void aHeaderCutShortOrDamagedIsNoImage() {
        assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(PNG, 30)), "IHDR cut");
        assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(LOSSY, 25)), "VP8 frame header cut");
        int sof = sofOffset(JPEG);
        assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(JPEG, sof + 4)), "SOF cut");
        byte[] zeroWidth = PNG.clone();
        Arrays.fill(zeroWidth, 16, 20, (byte) 0);
        assertEquals(Optional.empty(), ImageHeader.read(zeroWidth));
        byte[] badDepth = PNG.clone();
        badDepth[24] = 7;
        assertEquals(Optional.empty(), ImageHeader.read(badDepth));
        byte[] dnl = JPEG.clone(); // height 0 = "defined by a DNL segment later": not supported
        dnl[sof + 5] = 0;
        dnl[sof + 6] = 0;
        assertEquals(Optional.empty(), ImageHeader.read(dnl));
        byte[] badVp8 = LOSSY.clone();
        badVp8[23] = 0;
        assertEquals(Optional.empty(), ImageHeader.read(badVp8), "no key frame start code");
        assertEquals(Optional.empty(), ImageHeader.read("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theImageDataMayBeCutAfterTheHeader() {
        // sniffing takes an answer whose pixels are damaged; decoding finds out (see ImageDecoderTest)
        assertTrue(ImageHeader.read(Arrays.copyOf(PNG, 40)).isPresent());
        assertTrue(ImageHeader.read(Arrays.copyOf(JPEG, JpegSegments.read(JPEG).restStart() + 10)).isPresent());
        assertTrue(ImageHeader.read(Arrays.copyOf(LOSSY, 40)).isPresent());
    }

    @Test
    void aDamagedExifIsUprightNotAnError() {
        byte[] png = Samples.pngWithExif(PNG, 6);
        int exif = PngChunks.read(png).get(1).dataOffset();
        Bytes.putU32be(png, exif + 4, 0x7fff_fff0L); // IFD0 offset far past the end
        assertEquals(1, ImageHeader.read(png).orElseThrow().orientation());
    }

    private static int sofOffset(byte[] jpeg) {
        return JpegSegments.read(jpeg).segments().stream().filter(s -> s.marker() == 0xc0).findFirst().orElseThrow()
                .offset();
    }
}
