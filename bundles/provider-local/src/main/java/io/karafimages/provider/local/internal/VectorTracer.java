package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Traces a picture into an SVG of flat-colour shapes, in the spirit of the public-domain imagetracer but written
 * here from the classical steps: colours reduced by {@link ColourQuantizer}, connected regions and speck removal by
 * {@link RegionMap}, outlines walked by {@link ContourTracer}, lines and Béziers fitted by {@link CurveFitter},
 * written by {@link SvgDocument}. Transparent pixels (alpha below 128) become no shape.
 *
 * <p>Stacking: each connected opaque area first gets a backdrop, its whole outline (with its transparent holes)
 * in the colour of its largest shape; then the shapes follow, largest enclosed area first, so backgrounds lie
 * under what sits on them. Two neighbouring outlines are smoothed independently and may leave a hairline between
 * them; the backdrop shows there instead of the page. On a picture with no transparency the backdrop is the whole
 * canvas. Thread-safe: every trace has its own state.
 */
final class VectorTracer {
    private static final Logger LOG = LoggerFactory.getLogger(VectorTracer.class);
    /** The largest picture traced; beyond it the region and outline arrays would take too much memory. */
    static final long MAX_PIXELS = 16_000_000L;
    static final int DEFAULT_COLOURS = 16;
    static final int MIN_COLOURS = 2;
    static final int MAX_COLOURS = 64;
    /** Regions under this many pixels (more on large pictures, see {@link #speckArea}) join a neighbour. */
    static final int SPECK_PIXELS = 8;

    private final int colours;

    /** @param colours the most colours the SVG may use, clamped to 2..64 */
    VectorTracer(int colours) {
        this.colours = Math.max(MIN_COLOURS, Math.min(MAX_COLOURS, colours));
    }

    /**
     * The SVG document (UTF-8) of the picture's traced shapes.
     *
     * @throws ImagesException 400 {@code image_too_large} for a picture over {@link #MAX_PIXELS}
     */
    byte[] trace(Picture picture, EditProgress progress) {
        int w = picture.width();
        int h = picture.height();
        if ((long) w * h > MAX_PIXELS) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The local tracer takes at most " + MAX_PIXELS
                    + " pixels; the image is " + w + "x" + h + ".");
        }
        long started = System.nanoTime();
        ColourQuantizer.Quantized quantized = ColourQuantizer.quantize(picture, colours, progress.slice(0, 0.25));
        byte[] labels = quantized.labels();
        RegionMap regions = RegionMap.of(labels, w, h, speckArea((long) w * h), progress.slice(0.25, 0.4));
        List<ContourTracer.Shape> shapes = new ArrayList<>(ContourTracer.trace(regions, progress.slice(0.4, 0.5)));
        shapes.sort(Comparator.comparingLong(ContourTracer.Shape::area).reversed()); // stable: ties keep raster order
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == ColourQuantizer.TRANSPARENT ? ColourQuantizer.TRANSPARENT : 0;
        }
        RegionMap opaque = RegionMap.of(labels, w, h, 1, progress.slice(0.5, 0.55));
        List<ContourTracer.Shape> backdrops = ContourTracer.trace(opaque, progress.slice(0.55, 0.6));
        SvgDocument svg = new SvgDocument(w, h);
        write(svg, backdrops, shapes, opaque, quantized.palette(), progress.slice(0.6, 1));
        byte[] bytes = svg.finish();
        LOG.debug("Traced {}x{} into {} shapes, {} paths, {} nodes, {} bytes in {} ms", w, h, shapes.size(),
                svg.paths(), svg.nodes(), bytes.length, (System.nanoTime() - started) / 1_000_000);
        progress.report(1, "traced");
        return bytes;
    }

    /** Regions smaller than this join a neighbour: a few pixels, growing slowly with the picture. */
    static int speckArea(long pixels) {
        return (int) Math.max(SPECK_PIXELS, pixels / 100_000);
    }

    /**
     * Writes the backdrops, then the shapes. The first shape of each opaque area gives its backdrop's colour and is
     * then left out when it has no hole to keep open: it would only paint over its own colour.
     */
    private static void write(SvgDocument svg, List<ContourTracer.Shape> backdrops, List<ContourTracer.Shape> shapes,
            RegionMap opaque, int[] palette, EditProgress progress) {
        int[] firstShape = new int[opaque.count()];
        Arrays.fill(firstShape, -1);
        for (int s = 0; s < shapes.size(); s++) {
            int area = areaOf(opaque, shapes.get(s));
            firstShape[area] = firstShape[area] < 0 ? s : firstShape[area];
        }
        CurveFitter fitter = new CurveFitter(opaque.width(), opaque.height());
        for (ContourTracer.Shape backdrop : backdrops) {
            int first = firstShape[areaOf(opaque, backdrop)];
            draw(fitter, svg.path(palette[shapes.get(first).colour()]), backdrop);
        }
        for (int s = 0; s < shapes.size(); s++) {
            if ((s & 255) == 0) {
                progress.report((double) s / shapes.size(), "fitting curves");
            }
            ContourTracer.Shape shape = shapes.get(s);
            if (firstShape[areaOf(opaque, shape)] != s || !shape.holes().isEmpty()) {
                draw(fitter, svg.path(palette[shape.colour()]), shape);
            }
        }
    }

    /** The opaque area (a region of {@code opaque}) the shape lies in. */
    private static int areaOf(RegionMap opaque, ContourTracer.Shape shape) {
        return opaque.at(shape.firstPixel() % opaque.width(), shape.firstPixel() / opaque.width());
    }

    private static void draw(CurveFitter fitter, PathData path, ContourTracer.Shape shape) {
        fitter.fit(shape.outer(), path);
        for (int[] hole : shape.holes()) {
            fitter.fit(hole, path);
        }
    }
}
