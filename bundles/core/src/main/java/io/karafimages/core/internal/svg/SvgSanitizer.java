package io.karafimages.core.internal.svg;

import io.karafimages.api.ImagesException;

/**
 * Makes an SVG safe to serve to a browser, where SVG is active content (scripts, event handlers, links,
 * external fetches). Parses with the JDK's StAX parser without ever processing a document type, then rebuilds
 * the document from an allow-list ({@link SvgAllowList}): static drawing elements and presentation attributes,
 * references only to {@code #id} inside the document, CSS rebuilt from allowed declarations. Comments,
 * processing instructions, foreign namespaces, scripts, event handlers, links, animation, images and embedded
 * HTML do not survive. The result is serialised deterministically and is a fixed point: sanitising it again
 * gives the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class SvgSanitizer {
    /** Largest accepted input. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** Most elements in the input. */
    public static final int MAX_ELEMENTS = 100_000;
    /** Deepest element nesting in the input. */
    public static final int MAX_DEPTH = 64;
    /** Most elements once every {@code use} is expanded (a viewer draws that many). */
    public static final long MAX_INSTANCES = 250_000;
    /** Longest chain of {@code use} references. */
    public static final int MAX_USE_DEPTH = 16;
    /** Longest intrinsic side in CSS pixels. */
    public static final int MAX_SIDE = 16_384;

    private final SvgParser parser = new SvgParser(MAX_BYTES, MAX_ELEMENTS, MAX_DEPTH);

    /**
     * The clean document and its intrinsic size.
     *
     * @param svg an SVG document in any encoding XML allows; not {@code null}
     * @throws ImagesException {@code provider_bad_output} (502, not retryable) when the input is not a
     *         well-formed SVG document (root {@code svg} in the SVG namespace) within the limits above, or has
     *         no derivable size between 1 and {@link #MAX_SIDE} px a side
     */
    public SanitizedSvg sanitize(byte[] svg) {
        SvgNode.Element clean = SvgFilter.clean(parser.parse(svg));
        UseReferences.check(clean, MAX_INSTANCES, MAX_USE_DEPTH);
        SvgSize size = SvgSize.of(clean, MAX_SIDE);
        return new SanitizedSvg(SvgWriter.write(clean), size.width(), size.height());
    }
}
