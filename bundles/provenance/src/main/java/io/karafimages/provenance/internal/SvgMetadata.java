package io.karafimages.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.karafimages.c2pa.AssetFormat;

/**
 * Metadata in an SVG document, by the SVG convention: the root's {@code metadata} element holds the XMP packet
 * (and, written later by the C2PA writer, the {@code c2pa:manifest} element). Everything outside the changed
 * elements is kept character for character. Stateless.
 */
final class SvgMetadata {
    private static final String METADATA = "metadata";
    private static final String MANIFEST = "c2pa:manifest";

    private SvgMetadata() {
    }

    /** @return whether {@code asset} is SVG (UTF-8 XML with an {@code svg} root) as the C2PA writer sees it */
    static boolean isSvg(byte[] asset) {
        return AssetFormat.detect(asset).filter(f -> f == AssetFormat.SVG).isPresent();
    }

    /**
     * Replaces the root's {@code metadata} elements (anything in them is unvetted and may be a stale C2PA store)
     * by one holding {@code xmp}, as the root's first child.
     *
     * @throws IllegalArgumentException when the markup is broken
     */
    static byte[] withXmp(byte[] svg, String xmp) {
        SvgMarkup.Parsed parsed = SvgMarkup.parse(svg);
        String text = parsed.text();
        SvgMarkup.Element root = parsed.root();
        String metadata = "<" + METADATA + ">" + xmp + "</" + METADATA + ">";
        StringBuilder out = new StringBuilder(text.length() + metadata.length() + 8);
        if (root.selfClosing) {
            out.append(text, 0, root.startTagEnd - 2).append('>').append(metadata).append("</").append(root.name)
                    .append('>');
        } else {
            out.append(text, 0, root.startTagEnd).append(metadata);
            int pos = root.startTagEnd;
            for (SvgMarkup.Element child : root.children) {
                if (METADATA.equals(child.name)) {
                    out.append(text, pos, child.start);
                    pos = child.end;
                }
            }
            out.append(text, pos, root.end);
        }
        out.append(text, root.end, text.length());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the document without {@code c2pa:manifest} elements in the root's {@code metadata} (where C2PA puts
     *         the store), or {@code svg} itself when it has none
     */
    static byte[] withoutManifestStore(byte[] svg) {
        SvgMarkup.Parsed parsed = SvgMarkup.parse(svg);
        List<SvgMarkup.Element> stores = parsed.root().children.stream().filter(e -> METADATA.equals(e.name))
                .flatMap(e -> e.children.stream()).filter(e -> MANIFEST.equals(e.name)).toList();
        if (stores.isEmpty()) {
            return svg;
        }
        String text = parsed.text();
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (SvgMarkup.Element store : stores) {
            out.append(text, pos, store.start);
            pos = store.end;
        }
        return out.append(text, pos, text.length()).toString().getBytes(StandardCharsets.UTF_8);
    }
}
