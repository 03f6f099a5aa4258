package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;

class RenditionPipelineTest {
    private final RenditionPipeline pipeline = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);

    @Test
    void anSvgIsKeptSanitisedAsTheOriginalAndRenderedToWebp() throws IOException {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"300\" onload=\"alert(1)\">"
                + "<script>alert(2)</script><rect width=\"900\" height=\"300\" fill=\"#2060c0\"/>"
                + "<circle cx=\"450\" cy=\"150\" r=\"100\" fill=\"#f0c020\"/></svg>";
        Rendered rendered = pipeline.render(svg.getBytes(StandardCharsets.UTF_8), "image/svg+xml", null);
        List<Rendition> r = rendered.renditions();
        String original = new String(r.get(0).data(), StandardCharsets.UTF_8);
        assertTrue(original.contains("<circle") && !original.contains("script") && !original.contains("onload"),
                original);
        assertEquals("svg", r.get(0).info().format());
        assertEquals("image/svg+xml", r.get(0).info().mime());
        assertEquals(List.of(900, 300), List.of(r.get(0).width(), r.get(0).height()));
        BufferedImage full = decode(r.get(1).data());
        assertEquals(List.of(900, 300), List.of(full.getWidth(), full.getHeight()));
        int centre = full.getRGB(450, 150);
        assertEquals(0xf0, (centre >> 16) & 0xff, 8);
        assertEquals(0xc0, (centre >> 8) & 0xff, 8);
        assertEquals(0x20, centre & 0xff, 8);
        BufferedImage preview = decode(r.get(2).data());
        assertEquals(List.of(600, 200), List.of(preview.getWidth(), preview.getHeight()));
        assertEquals(16, rendered.fingerprint().length());
    }

    @ParameterizedTest
    @CsvSource({ "1000,1000,400,400", "1328,747,600,338", "747,1328,225,400", "300,200,300,200", "4000,100,600,15" })
    void rendersThreeFilesWithPreviewInsideTheBox(int w, int h, int pw, int ph) throws IOException {
        byte[] png = TestImages.encode(TestImages.image(w, h, BufferedImage.TYPE_INT_RGB), "png");
        List<Rendition> r = pipeline.render(png, "image/png", null).renditions();

        assertEquals(RenditionFormat.ORIGINAL, r.get(0).format());
        assertArrayEquals(png, r.get(0).data(), "a PNG original is kept byte for byte");
        assertWebp(r.get(1).data());
        assertWebp(r.get(2).data());
        BufferedImage full = decode(r.get(1).data());
        assertEquals(w, full.getWidth());
        assertEquals(h, full.getHeight());
        BufferedImage preview = decode(r.get(2).data());
        assertEquals(pw, preview.getWidth());
        assertEquals(ph, preview.getHeight());
        assertTrue(preview.getWidth() <= 600 && preview.getHeight() <= 400);
    }

    @Test
    void jpegInputBecomesAPngOriginal() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.image(640, 480, BufferedImage.TYPE_INT_RGB), "jpeg");
        List<Rendition> r = pipeline.render(jpeg, "image/jpeg", null).renditions();
        assertTrue(RenditionPipeline.isPng(r.get(0).data()));
        assertEquals(640, decode(r.get(0).data()).getWidth());
    }

    @Test
    void webpInputIsRead() throws IOException {
        byte[] png = TestImages.encode(TestImages.image(320, 200, BufferedImage.TYPE_INT_RGB), "png");
        byte[] webp = pipeline.render(png, "image/png", null).renditions().get(1).data();
        List<Rendition> again = pipeline.render(webp, "image/webp", null).renditions();
        assertEquals(320, again.get(0).width());
        assertTrue(RenditionPipeline.isPng(again.get(0).data()));
    }

    @Test
    void keepsAlpha() throws IOException {
        BufferedImage img = TestImages.image(200, 100, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 100, 100, new int[100 * 100], 0, 100); // left half fully transparent
        List<Rendition> r = pipeline.render(TestImages.encode(img, "png"), "image/png", null).renditions();
        for (Rendition webp : r.subList(1, 3)) {
            assertEquals("VP8X", new String(webp.data(), 12, 4, StandardCharsets.US_ASCII),
                    "WebP with alpha uses the extended format");
            assertTrue((webp.data()[20] & 0x10) != 0, "the VP8X alpha flag is set");
        }
    }

    @Test
    void refusesImagesOverThePixelLimitBeforeDecoding() {
        RenditionPipeline small = new RenditionPipeline(new RenditionPipeline.Settings(10_000, 90, 85, 600, 400));
        byte[] png = TestImages.encode(TestImages.image(200, 100, BufferedImage.TYPE_INT_RGB), "png");
        ImagesException e = assertThrows(ImagesException.class, () -> small.render(png, "image/png", null));
        assertEquals("image_too_large", e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void refusesWhatIsNotAnImage() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> pipeline.render("not an image".getBytes(StandardCharsets.UTF_8), "image/png", null));
        assertEquals("unsupported_image", e.code());
    }

    @Test
    void previewScalerKeepsAspectRatioWithinOnePixel() {
        PreviewScaler scaler = new PreviewScaler(600, 400);
        for (int[] size : new int[][] { { 1000, 1000 }, { 1328, 747 }, { 747, 1328 }, { 2048, 2048 }, { 1512, 648 } }) {
            int[] t = scaler.targetSize(size[0], size[1]);
            double expectedHeight = (double) t[0] * size[1] / size[0];
            assertTrue(Math.abs(expectedHeight - t[1]) <= 1, Arrays.toString(size) + " -> " + Arrays.toString(t));
        }
    }

    private static void assertWebp(byte[] data) {
        assertEquals("RIFF", new String(data, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(data, 8, 4, StandardCharsets.US_ASCII));
    }

    private BufferedImage decode(byte[] data) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
        return img != null ? img : pipeline.decode(data);
    }
}
