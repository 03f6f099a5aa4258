package io.karafimages.core.internal.svg;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.XMLInput;
import com.github.weisj.jsvg.parser.resources.ResourceLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.view.ViewBox;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Rasterises a {@link SanitizedSvg} with JSVG into a {@code TYPE_INT_ARGB} image with a transparent background,
 * antialiased. JSVG is told never to fetch anything (defence in depth: the sanitizer already removed every
 * external reference): its resource policy denies all URIs, including {@code data:}, its image loader refuses
 * every call, and the XML reaches it through our own StAX factory with document types off.
 *
 * <p>Stateless and thread-safe.
 */
public final class SvgRenderer {
    private static final ResourceLoader NO_IMAGES = (document, uri) -> {
        throw new IOException("Images are not loaded when rendering an SVG: " + uri);
    };

    /**
     * The image at the SVG's intrinsic size.
     *
     * @throws ImagesException {@code image_too_large} (400) when that size has more than {@code maxPixels}
     *         pixels; {@code provider_bad_output} (502) when JSVG cannot read the document
     */
    public BufferedImage render(SanitizedSvg svg, long maxPixels) {
        return draw(svg, svg.width(), svg.height(), maxPixels);
    }

    /**
     * The image at the largest size that fits in {@code maxWidth} x {@code maxHeight} with the SVG's aspect
     * ratio (up- or downscaled: it is a vector drawing). One side equals the box's, the other is rounded.
     *
     * @throws IllegalArgumentException when a side of the box is not positive
     * @throws ImagesException as {@link #render(SanitizedSvg, long)}
     */
    public BufferedImage renderWithin(SanitizedSvg svg, int maxWidth, int maxHeight, long maxPixels) {
        if (maxWidth <= 0 || maxHeight <= 0) {
            throw new IllegalArgumentException("The box must be positive: " + maxWidth + "x" + maxHeight);
        }
        double scale = Math.min((double) maxWidth / svg.width(), (double) maxHeight / svg.height());
        int width = Math.max(1, Math.min(maxWidth, (int) Math.round(svg.width() * scale)));
        int height = Math.max(1, Math.min(maxHeight, (int) Math.round(svg.height() * scale)));
        return draw(svg, width, height, maxPixels);
    }

    private static BufferedImage draw(SanitizedSvg svg, int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "Rendering the SVG at " + width + "x"
                    + height + " would make " + pixels + " pixels; this instance allows at most " + maxPixels + ".");
        }
        SVGDocument document = load(svg.content());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            // the viewport is the whole image: JSVG maps the document's size onto it, keeping its aspect ratio
            document.renderWithPlatform(NullPlatformSupport.INSTANCE, g, new ViewBox(0, 0, width, height));
        } catch (RuntimeException e) {
            throw badOutput("JSVG could not render the SVG: " + e.getMessage(), e);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static SVGDocument load(byte[] svg) {
        LoaderContext context = LoaderContext.builder()
                .externalResourcePolicy(ResourcePolicy.DENY_ALL)
                .resourceLoader(NO_IMAGES)
                .documentLimits(new DocumentLimits(2 * SvgSanitizer.MAX_DEPTH, SvgSanitizer.MAX_USE_DEPTH,
                        (int) SvgSanitizer.MAX_INSTANCES))
                .build();
        XMLInput input = () -> xmlInputFactory().createXMLEventReader(new ByteArrayInputStream(svg));
        SVGDocument document;
        try {
            // no base URI: nothing can be resolved against the document's location
            document = new SVGLoader().load(input, (URI) null, context);
        } catch (RuntimeException e) {
            throw badOutput("JSVG could not read the SVG: " + e.getMessage(), e);
        }
        if (document == null) { // JSVG logs its reason and answers null
            throw badOutput("JSVG could not read the SVG.", null);
        }
        return document;
    }

    private static XMLInputFactory xmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private static ImagesException badOutput(String message, Throwable cause) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false, message, null, cause);
    }
}
