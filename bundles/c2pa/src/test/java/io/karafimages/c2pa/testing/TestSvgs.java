package io.karafimages.c2pa.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/** Deterministic SVG documents shaped like the runtime's sanitised vectorize output, and variants of them. */
public final class TestSvgs {

    /** The SVG namespace. */
    public static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** A title with multi-byte UTF-8, so byte offsets and character offsets differ. */
    public static final String TITLE = "Füchse im Schnee ☃ – traced";

    private TestSvgs() {
    }

    /**
     * As the sanitiser writes it: XML declaration, default SVG namespace, attributes sorted, no whitespace
     * between elements, a line break at the end, no {@code metadata}.
     *
     * @param width  width
     * @param height height
     * @param shapes number of filled paths
     * @return UTF-8 bytes
     */
    public static byte[] traced(int width, int height, int shapes) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"" + SVG_NS + "\" height=\"" + height
                + "\" version=\"1.1\" viewBox=\"0 0 " + width + " " + height + "\" width=\"" + width + "\">"
                + "<title>" + TITLE + "</title>" + paths(width, height, shapes) + "</svg>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param xmp an XMP packet
     * @return a traced document with {@code xmp} in a {@code metadata} element, as the provenance hook writes it
     */
    public static byte[] withXmp(String xmp) {
        String svg = new String(traced(64, 48, 5), StandardCharsets.UTF_8);
        int rootEnd = svg.indexOf('>', svg.indexOf("<svg")) + 1;
        return (svg.substring(0, rootEnd) + "<metadata>" + xmp + "</metadata>" + svg.substring(rootEnd))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return a small XMP packet as our provenance hook writes one */
    public static String xmp() {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\">"
                + "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicallyEnhanced"
                + "</Iptc4xmpExt:DigitalSourceType></rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    private static String paths(int width, int height, int shapes) {
        StringBuilder paths = new StringBuilder();
        Random random = new Random(width * 31L + height * 7L + shapes);
        for (int i = 0; i < shapes; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            paths.append("<path d=\"M").append(x).append(' ').append(y).append("L").append(width - x).append(' ')
                    .append(y).append("L").append(x).append(' ').append(height - y).append("Z\" fill=\"#")
                    .append(String.format(Locale.ROOT, "%06x", random.nextInt(0x1000000))).append("\"/>");
        }
        return paths.toString();
    }
}
