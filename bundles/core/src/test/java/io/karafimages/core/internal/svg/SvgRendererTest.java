package io.karafimages.core.internal.svg;

import static io.karafimages.core.internal.svg.SvgChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;

/** Size, aspect ratio, transparency, the pixel cap, and JSVG never fetching anything. */
class SvgRendererTest {
    /** 200 x 100: left half transparent, right half a blue square, a half-transparent red bar at the bottom. */
    private static final String WIDE = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\""
            + " viewBox=\"0 0 20 10\"><rect x=\"10\" y=\"0\" width=\"10\" height=\"10\" fill=\"#0000ff\"/>"
            + "<rect x=\"0\" y=\"8\" width=\"20\" height=\"2\" fill=\"#ff0000\" fill-opacity=\"0.5\"/></svg>";

    private final SvgSanitizer sanitizer = new SvgSanitizer();
    private final SvgRenderer renderer = new SvgRenderer();

    @Test
    void rendersAtTheIntrinsicSizeWithATransparentBackground() {
        BufferedImage image = renderer.render(sanitizer.sanitize(utf8(WIDE)), 1_000_000);
        assertEquals(BufferedImage.TYPE_INT_ARGB, image.getType());
        assertEquals(200, image.getWidth());
        assertEquals(100, image.getHeight());
        assertEquals(0, image.getRGB(20, 20) >>> 24, "untouched pixels stay transparent");
        assertEquals(0xff0000ff, image.getRGB(150, 40), "the square fills the right half");
        assertEquals(0x00000000, image.getRGB(99, 40) & 0xff000000, "and only the right half");
        int bar = image.getRGB(50, 95);
        assertTrue(Math.abs((bar >>> 24) - 128) <= 1, "half-transparent fill keeps its alpha: " + Integer.toHexString(bar));
        assertEquals(0xff, (bar >> 16) & 0xff, "red in the bar");
    }

    @Test
    void fitsARequestedBoxKeepingTheAspectRatio() {
        SanitizedSvg wide = sanitizer.sanitize(utf8(WIDE));
        BufferedImage small = renderer.renderWithin(wide, 100, 100, 1_000_000);
        assertEquals(100, small.getWidth());
        assertEquals(50, small.getHeight());
        assertEquals(0xff0000ff, small.getRGB(75, 20), "the square is scaled with the drawing");
        assertEquals(0, small.getRGB(25, 20) >>> 24);

        BufferedImage large = renderer.renderWithin(wide, 1000, 2000, 10_000_000);
        assertEquals(1000, large.getWidth());
        assertEquals(500, large.getHeight());
        assertEquals(0xff0000ff, large.getRGB(750, 200), "upscaled as a vector drawing");
        assertEquals(0, large.getRGB(499, 200) >>> 24);

        BufferedImage tall = renderer.renderWithin(sanitizer.sanitize(utf8(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 30 90\"/>")), 400, 400, 1_000_000);
        assertEquals(133, tall.getWidth());
        assertEquals(400, tall.getHeight());
    }

    @Test
    void antialiasesEdges() {
        BufferedImage image = renderer.render(sanitizer.sanitize(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"64\" height=\"64\"><circle cx=\"32\" cy=\"32\" r=\"25\" fill=\"black\"/></svg>")), 10_000);
        int partial = 0;
        for (int x = 0; x < 64; x++) {
            int alpha = image.getRGB(x, 20) >>> 24;
            if (alpha > 0 && alpha < 255) {
                partial++;
            }
        }
        assertTrue(partial >= 2, "edge pixels are partly covered");
        assertEquals(255, image.getRGB(32, 32) >>> 24);
    }

    @Test
    void refusesToRenderOverThePixelCap() {
        SanitizedSvg wide = sanitizer.sanitize(utf8(WIDE));
        ImagesException atSize = assertThrows(ImagesException.class, () -> renderer.render(wide, 19_999));
        assertEquals("image_too_large", atSize.code());
        assertEquals(400, atSize.httpStatus());
        assertEquals(20_000, renderer.render(wide, 20_000).getWidth() * 100, "exactly at the cap is fine");

        SanitizedSvg huge = sanitizer.sanitize(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16384\""
                + " height=\"16384\"/>"));
        ImagesException intrinsic = assertThrows(ImagesException.class, () -> renderer.render(huge, 40_000_000));
        assertEquals("image_too_large", intrinsic.code());
        assertEquals(2048, renderer.renderWithin(huge, 2048, 2048, 40_000_000).getWidth());
        assertThrows(ImagesException.class, () -> renderer.renderWithin(wide, 20_000, 20_000, 40_000_000));
        assertThrows(IllegalArgumentException.class, () -> renderer.renderWithin(wide, 0, 10, 40_000_000));
    }

    @Test
    void neverLoadsExternalResourcesEvenFromUnsanitizedInput(@TempDir Path dir) throws IOException {
        BufferedImage red = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        Path png = dir.resolve("red.png");
        ImageIO.write(red, "png", png.toFile());
        Path sprite = Files.writeString(dir.resolve("sprite.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<rect id=\"x\" width=\"100\" height=\"100\" fill=\"red\"/></svg>");
        try (RecordingHttpServer server = new RecordingHttpServer()) {
            String hostile = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                    + " width=\"100\" height=\"100\">"
                    + "<image href=\"" + server.base() + "/i.svg\" width=\"100\" height=\"100\"/>"
                    + "<image xlink:href=\"" + png.toUri() + "\" width=\"100\" height=\"100\"/>"
                    + "<use href=\"" + server.base() + "/s.svg#x\"/><use xlink:href=\"" + sprite.toUri() + "#x\"/>"
                    + "<rect width=\"100\" height=\"100\" fill=\"url(" + sprite.toUri() + "#x)\"/>"
                    + "<style>@import url(" + server.base() + "/a.css);</style></svg>";
            // bypasses the sanitizer: only JSVG's own settings stand between the document and the network
            BufferedImage image = SvgChecks.renderUnsanitized(hostile, 100, 100);
            assertEquals(List.of(), server.requests());
            for (int[] p : new int[][] {{5, 5}, {50, 50}, {95, 95}}) {
                int argb = image.getRGB(p[0], p[1]);
                assertTrue((argb >> 16 & 0xff) < 0x80 || (argb >>> 24) == 0, "nothing red was loaded: "
                        + Integer.toHexString(argb));
            }
        }
    }

    @Test
    void rendersAGradientReferencedByLocalUrl() {
        BufferedImage image = renderer.render(sanitizer.sanitize(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"100\" height=\"10\"><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#000\"/>"
                + "<stop offset=\"1\" stop-color=\"#fff\"/></linearGradient>"
                + "<rect width=\"100\" height=\"10\" fill=\"url(#g)\"/></svg>")), 1_000);
        int left = image.getRGB(2, 5) & 0xff;
        int right = image.getRGB(97, 5) & 0xff;
        assertTrue(left < 20 && right > 235, "gradient from black to white: " + left + " .. " + right);
    }

    @Test
    void refusesWhatJsvgCannotRead() {
        SanitizedSvg broken = new SanitizedSvg(utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"), 10, 10);
        ImagesException e = assertThrows(ImagesException.class, () -> renderer.render(broken, 1_000));
        assertEquals("provider_bad_output", e.code());
    }
}
