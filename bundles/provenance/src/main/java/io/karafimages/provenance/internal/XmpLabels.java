package io.karafimages.provenance.internal;

import java.util.Objects;

/**
 * The XMP packet that labels an image as AI-made with the IPTC 2025.1 properties (namespace
 * {@code http://iptc.org/std/Iptc4xmpExt/2008-02-29/}), plus {@code xmp:CreatorTool} and {@code photoshop:Credit}.
 * Only for images that have a digital source type: an image without one gets no packet at all.
 */
final class XmpLabels {
    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    /**
     * @param digitalSourceType the IPTC digital source type URI, required
     * @param aiSystem {@code null} when no model was involved (e.g. a resize of an AI-made image)
     * @param aiSystemVersion {@code null} when no model was involved
     * @param prompt {@code null} to leave the prompt out (instance setting, or no prompt)
     */
    record Labels(String digitalSourceType, String aiSystem, String aiSystemVersion, String prompt,
            String creatorTool, String credit) {
        Labels {
            Objects.requireNonNull(digitalSourceType, "digitalSourceType");
        }
    }

    private XmpLabels() {
    }

    static String packet(Labels l) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("  <rdf:Description rdf:about=\"\"\n")
                .append("    xmlns:Iptc4xmpExt=\"").append(IPTC_EXT).append("\"\n")
                .append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
                .append("    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">\n");
        element(x, "Iptc4xmpExt:DigitalSourceType", l.digitalSourceType());
        element(x, "Iptc4xmpExt:AISystemUsed", l.aiSystem());
        element(x, "Iptc4xmpExt:AISystemVersionUsed", l.aiSystemVersion());
        element(x, "Iptc4xmpExt:AIPromptInformation", l.prompt());
        element(x, "xmp:CreatorTool", l.creatorTool());
        element(x, "photoshop:Credit", l.credit());
        x.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return x.toString();
    }

    private static void element(StringBuilder x, String name, String value) {
        if (value != null && !value.isBlank()) {
            x.append("   <").append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
