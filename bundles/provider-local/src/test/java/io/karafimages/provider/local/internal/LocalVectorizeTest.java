package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;

class LocalVectorizeTest {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVectorizeTest.class);
    private static final int SIZE = 512;
    private static final int BACKGROUND = 0xf4f1ea;
    private static final Set<String> ALLOWED = Set.of("svg", "path", "g");

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    /**
     * A flat logo: a rectangle, a disc and a ring whose hole shows the backdrop and holds a smaller disc, in four
     * colours.
     */
    private static BufferedImage logo(boolean antialiased, boolean transparentBackdrop) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiased ? RenderingHints.VALUE_ANTIALIAS_ON
                : RenderingHints.VALUE_ANTIALIAS_OFF);
        if (!transparentBackdrop) {
            g.setColor(new Color(BACKGROUND));
            g.fillRect(0, 0, SIZE, SIZE);
        }
        g.setColor(new Color(0x1f4e9c));
        g.fillRect(40, 300, 200, 150);
        g.setColor(new Color(0xd23a2f));
        g.fill(new Ellipse2D.Double(60, 50, 180, 180));
        g.setColor(new Color(0x2e7d4f));
        g.setStroke(new BasicStroke(36));
        g.draw(new Ellipse2D.Double(300, 220, 160, 160));
        g.setColor(new Color(0xd23a2f));
        g.fill(new Ellipse2D.Double(360, 280, 40, 40)); // an island in the ring's hole
        g.dispose();
        return img;
    }

    private static byte[] png(BufferedImage img) {
        return TestImages.argbPng(img.getWidth(), img.getHeight(), img::getRGB);
    }

    private GeneratedImage vectorize(LocalImageProvider p, byte[] png, int w, int h) {
        return p.edit(TestImages.request(ImageOperation.VECTORIZE, LocalEdits.VECTORIZE_MODEL, png, w, h).build(),
                (f, m) -> { }, () -> false);
    }

    /** The share of pixels whose rasterised colour matches the source (alpha < 128 must stay transparent). */
    private static double match(BufferedImage source, int[] rendered, int tolerance) {
        int same = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                int s = source.getRGB(x, y);
                int r = rendered[y * source.getWidth() + x];
                boolean transparent = s >>> 24 < 128;
                same += transparent ? (r >>> 24 == 0 ? 1 : 0)
                        : (r >>> 24 == 255 && TestImages.difference(s, r) <= tolerance ? 1 : 0);
            }
        }
        return (double) same / (source.getWidth() * source.getHeight());
    }

    private static Set<Integer> fills(List<SvgRaster.Shape> shapes) {
        return shapes.stream().map(SvgRaster.Shape::rgb).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertOnlySvgAndPaths(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertTrue(ALLOWED.contains(e.getLocalName()), "unexpected element " + e.getLocalName());
            assertEquals("http://www.w3.org/2000/svg", e.getNamespaceURI());
            for (int a = 0; a < e.getAttributes().getLength(); a++) {
                String name = e.getAttributes().item(a).getNodeName();
                assertTrue(Set.of("xmlns", "version", "width", "height", "viewBox", "fill", "d").contains(name), name);
            }
        }
    }

    private static void assertRoot(Document doc, int w, int h) {
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(String.valueOf(w), root.getAttribute("width"));
        assertEquals(String.valueOf(h), root.getAttribute("height"));
        assertEquals("0 0 " + w + " " + h, root.getAttribute("viewBox"));
    }

    @Test
    void aFlatLogoTracesIntoItsFourColoursAndRasterisesBackToTheSamePixels() throws Exception {
        BufferedImage logo = logo(false, false);
        GeneratedImage svg = vectorize(provider, png(logo), SIZE, SIZE);

        assertEquals("image/svg+xml", svg.mediaType());
        assertEquals("local/trace-vectorize-v1", svg.modelId());
        Document doc = SvgRaster.parse(svg.data());
        assertRoot(doc, SIZE, SIZE);
        assertOnlySvgAndPaths(doc);
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(doc);
        assertEquals(Set.of(BACKGROUND, 0x1f4e9c, 0xd23a2f, 0x2e7d4f), fills(shapes));
        double match = match(logo, SvgRaster.rasterise(shapes, SIZE, SIZE), 0);
        assertTrue(match >= 0.99, "pixels matching: " + match);
        assertEquals(BACKGROUND, shapes.get(0).rgb(), "the backdrop is drawn first");
        int nodes = shapes.stream().mapToInt(SvgRaster.Shape::nodes).sum();
        assertTrue(nodes < 120, "path nodes: " + nodes);
    }

    @Test
    void antiAliasedEdgesJoinTheColoursBesideThemInsteadOfAddingSlivers() throws Exception {
        BufferedImage logo = logo(true, false);
        Graphics2D g = logo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xe0a020)); // a blend of the ring's green and the backdrop lies nearest to this yellow
        g.fill(new Polygon(new int[] { 300, 480, 390 }, new int[] { 500, 500, 430 }, 3));
        g.dispose();
        Document doc = SvgRaster.parse(vectorize(provider, png(logo), SIZE, SIZE).data());
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(doc);

        assertEquals(5, fills(shapes).size());
        int subpaths = shapes.stream().mapToInt(SvgRaster.Shape::subpaths).sum();
        assertEquals(7, subpaths, "backdrop, ring, its hole, island, rectangle, disc, triangle: nothing else");
        double match = match(logo, SvgRaster.rasterise(shapes, SIZE, SIZE), 12);
        assertTrue(match >= 0.97, "pixels matching: " + match);
    }

    @Test
    void transparencyStaysOpenIncludingTheRingsHole() throws Exception {
        BufferedImage logo = logo(false, true);
        Document doc = SvgRaster.parse(vectorize(provider, png(logo), SIZE, SIZE).data());
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(doc);
        int[] rendered = SvgRaster.rasterise(shapes, SIZE, SIZE);

        assertEquals(3, fills(shapes).size());
        assertEquals(0, rendered[300 * SIZE + 420] >>> 24, "the ring's hole is transparent");
        assertEquals(0xffd23a2f, rendered[300 * SIZE + 380], "the island in it is drawn");
        assertEquals(0, rendered[5 * SIZE + 5] >>> 24, "the backdrop is transparent");
        double match = match(logo, rendered, 0);
        assertTrue(match >= 0.99, "pixels matching: " + match);
    }

    @Test
    void aPhotoLikeGradientKeepsToTheConfiguredNumberOfColours() throws Exception {
        int w = 256;
        int h = 192;
        SplittableRandom noise = new SplittableRandom(7);
        byte[] photo = TestImages.rgbPng(w, h, (x, y) -> {
            int n = noise.nextInt(9) - 4;
            int r = Colours.clamp(30 + x * 200 / w + n);
            int g = Colours.clamp(60 + y * 150 / h - n);
            int b = Colours.clamp(200 - (x + y) * 150 / (w + h) + n);
            return r << 16 | g << 8 | b;
        });
        Set<Integer> byDefault = fills(SvgRaster.shapes(SvgRaster.parse(vectorize(provider, photo, w, h).data())));
        LocalImageProvider eight = new LocalImageProvider(1.0, 0, 8);
        Document doc = SvgRaster.parse(vectorize(eight, photo, w, h).data());

        assertTrue(byDefault.size() <= 16 && byDefault.size() >= 10, "default colours: " + byDefault.size());
        assertTrue(fills(SvgRaster.shapes(doc)).size() <= 8, "colours: " + fills(SvgRaster.shapes(doc)));
        assertRoot(doc, w, h);
        assertOnlySvgAndPaths(doc);
    }

    @Test
    void aSinglePixelAndAFullyTransparentImageGiveValidDocuments() throws Exception {
        Document one = SvgRaster.parse(vectorize(provider, TestImages.rgbPng(1, 1, (x, y) -> 0x336699), 1, 1).data());
        assertRoot(one, 1, 1);
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(one);
        assertEquals(1, shapes.size());
        assertEquals(0x336699, SvgRaster.rasterise(shapes, 1, 1)[0] & 0xffffff);

        byte[] clear = TestImages.argbPng(64, 48, (x, y) -> 0x00ff0000);
        Document empty = SvgRaster.parse(vectorize(provider, clear, 64, 48).data());
        assertRoot(empty, 64, 48);
        assertOnlySvgAndPaths(empty);
        assertEquals(0, SvgRaster.shapes(empty).size());
    }

    @Test
    void theSameImageGivesTheSameSvg() {
        byte[] png = png(logo(true, false));
        assertArrayEquals(vectorize(provider, png, SIZE, SIZE).data(), vectorize(provider, png, SIZE, SIZE).data());
    }

    @Test
    void theTracerIsListedForVectorizeOnly() {
        assertTrue(provider.models().stream().anyMatch(m -> m.id().equals("local/trace-vectorize-v1")
                && m.operations().equals(Set.of(ImageOperation.VECTORIZE))
                && m.displayName().startsWith("Offline vector tracer")));
    }

    @Test
    void anImageOverSixteenMegapixelsIsRefused() {
        Picture big = new Picture(4001, 4000, new int[4001 * 4000], false);
        ImagesException e = assertThrows(ImagesException.class, () -> new VectorTracer(16).trace(big,
                new EditProgress((f, m) -> { }, () -> false)));
        assertEquals("image_too_large", e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void onePixelLinesKeepTheirWidth() throws Exception {
        int w = 96;
        int h = 64;
        BufferedImage lines = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean line = y == 20 && x >= 10 && x < 80 || x == 50 && y >= 30 && y < 60;
                lines.setRGB(x, y, line ? 0xff202020 : 0xffffffff);
            }
        }
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(SvgRaster.parse(vectorize(provider, png(lines), w, h).data()));
        int[] rendered = SvgRaster.rasterise(shapes, w, h);

        assertEquals(1.0, match(lines, rendered, 0), 1e-9);
    }

    /** Not a benchmark: how long a 512x512 logo takes here and how many path nodes it gives, for the record. */
    @Test
    void measuresALogo() throws Exception {
        byte[] png = png(logo(true, false));
        List<Long> millis = new ArrayList<>();
        GeneratedImage svg = null;
        for (int run = 0; run < 15; run++) {
            long start = System.nanoTime();
            svg = vectorize(provider, png, SIZE, SIZE);
            if (run >= 5) { // the first runs include class loading and the JIT
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        List<SvgRaster.Shape> shapes = SvgRaster.shapes(SvgRaster.parse(svg.data()));
        int nodes = shapes.stream().mapToInt(SvgRaster.Shape::nodes).sum();
        millis.sort(null);
        LOG.info("512x512 anti-aliased logo, decode and trace: median {} ms, fastest {} ms; {} paths, {} nodes, {} bytes",
                millis.get(millis.size() / 2), millis.get(0), shapes.size(), nodes, svg.data().length);
        assertTrue(nodes > 0);
    }
}
