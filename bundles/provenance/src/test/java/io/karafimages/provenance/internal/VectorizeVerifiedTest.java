package io.karafimages.provenance.internal;

import static io.karafimages.provenance.internal.LabellingPipeline.codes;
import static io.karafimages.provenance.internal.LabellingPipeline.image;
import static io.karafimages.provenance.internal.LabellingPipeline.parentChain;
import static io.karafimages.provenance.internal.LabellingPipeline.png;
import static io.karafimages.provenance.internal.LabellingPipeline.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * The SVG original of a vectorize result, labelled as the runtime calls the hook: {@code label(svg, ORIGINAL,
 * fullWebp, info)} with the vectorized image as parent. c2pa-rs must trust it under the instance CA, with the
 * parent as a validated parentOf ingredient; the IPTC labels sit in the SVG's metadata (read back by exiftool);
 * the drawing itself is unchanged.
 */
class VectorizeVerifiedTest {
    private static final String MODEL = "recraft/vectorize";
    private static final Instant AT = Instant.parse("2026-12-02T09:00:00Z");
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    @TempDir
    static Path dir;
    private static LabellingPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        pipeline = new LabellingPipeline(dir, Map.of());
    }

    @Test
    void theSvgOriginalOfAVectorizedGenerationIsTrustedWithItsParent() throws Exception {
        LabellingPipeline.Renditions generated = pipeline.render(png(image(320, 240, 7)),
                ProvenanceInfo.builder("generate").model("local/procedural-v1").prompt("a red fox")
                        .digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).generatedAt(AT).build());
        String parentLabel = active(trusted(pipeline.verify(generated.original(), "generated")));
        byte[] svg = sanitizedSvg(320, 240, 60);

        byte[] signed = pipeline.label(svg, RenditionFormat.ORIGINAL, fullWebp(), vectorized(generated.original(), "fox.png"));

        C2paVerify.Report report = trusted(pipeline.verify(signed, "vectorize"));
        assertEquals("image/svg+xml", report.json().path("format").asText());
        assertEquals("vectorize.svg", report.activeManifest().path("title").asText());
        JsonNode parent = report.activeManifest().path("ingredients").path(0);
        assertEquals(1, report.activeManifest().path("ingredients").size());
        assertEquals("parentOf", parent.path("relationship").asText());
        assertEquals("fox.png", parent.path("title").asText());
        assertEquals(parentLabel, parent.path("active_manifest").asText());
        assertEquals(List.of(), codes(parent, "failure"), parent::toString);
        assertTrue(codes(parent, "success").containsAll(List.of("claimSignature.validated", "signingCredential.trusted",
                "assertion.dataHash.match")), parent::toString);
        assertEquals(2, parentChain(report).size(), "vectorize -> generate");
        JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
        assertEquals("c2pa.opened", actions.path(0).path("action").asText());
        assertEquals("c2pa.edited", actions.path(1).path("action").asText());
        assertEquals("vectorized", actions.path(1).path("description").asText());
        assertEquals(ProvenanceInfo.ALGORITHMICALLY_ENHANCED, actions.path(1).path("digitalSourceType").asText());
        assertEquals(MODEL, actions.path(1).path("softwareAgent").path("name").asText());
        assertEquals(MODEL, report.assertion(C2paStamp.GENERATION_LABEL).path("model").asText());

        JsonNode xmp = ExifTool.read(ExifTool.temp(signed, ".svg"));
        assertEquals(ProvenanceInfo.ALGORITHMICALLY_ENHANCED, xmp.path("XMP-iptcExt:DigitalSourceType").asText());
        assertEquals(MODEL, xmp.path("XMP-iptcExt:AISystemVersionUsed").asText());
        assertTrue(xmp.path("XMP-xmp:CreatorTool").asText().startsWith("Karaf Images"), xmp::toString);
        assertEquals(new String(svg, StandardCharsets.UTF_8), drawing(signed), "only the metadata was added");
        Document doc = parse(signed);
        assertEquals(1, doc.getElementsByTagNameNS(SVG_NS, "metadata").getLength());
        assertEquals(1, doc.getElementsByTagNameNS(IPTC_EXT, "DigitalSourceType").getLength());
    }

    @Test
    void metadataTheSvgAlreadyHasIsReplacedAndAnUnlabelledEditIsStillSigned() throws Exception {
        byte[] parent = pipeline.render(png(image(200, 150, 8)), ProvenanceInfo.builder("upload").build()).original();
        String stale = "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"
                + "<c2pa:manifest xmlns:c2pa=\"http://c2pa.org/manifest\">AAAA</c2pa:manifest></metadata>";
        String drawing = new String(sanitizedSvg(200, 150, 12), StandardCharsets.UTF_8);
        int rootEnd = drawing.indexOf('>', drawing.indexOf("<svg")) + 1;
        byte[] svg = (drawing.substring(0, rootEnd) + stale + drawing.substring(rootEnd)).getBytes(StandardCharsets.UTF_8);
        ProvenanceInfo plainTrace = ProvenanceInfo.builder("vectorize").generatedAt(AT)
                .openedFrom(ProvenanceInfo.Parent.of(parent, "holiday.png", "emb_9"), "c2pa.edited", "vectorized").build();

        byte[] labelled = pipeline.label(svg, RenditionFormat.ORIGINAL, fullWebp(), vectorized(parent, "holiday.png"));
        byte[] unlabelled = pipeline.label(svg, RenditionFormat.ORIGINAL, fullWebp(), plainTrace);

        for (byte[] signed : List.of(labelled, unlabelled)) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "replaced-" + signed.length));
            assertEquals("holiday.png", report.activeManifest().path("ingredients").path(0).path("title").asText());
            String text = new String(signed, StandardCharsets.UTF_8);
            assertEquals(1, count(text, "<metadata>"), text);
            assertEquals(1, count(text, "<c2pa:manifest"), "the stale store is gone: " + text);
            assertFalse(text.contains("AAAA</c2pa:manifest>"), text);
            assertEquals(drawing, drawing(signed));
            parse(signed);
        }
        assertEquals(1, count(new String(labelled, StandardCharsets.UTF_8), "<?xpacket begin="));
        assertFalse(new String(unlabelled, StandardCharsets.UTF_8).contains("xpacket"), "no digital source type, no XMP");
    }

    private static ProvenanceInfo vectorized(byte[] parent, String title) {
        return ProvenanceInfo.builder("vectorize").model(MODEL).generatedAt(AT)
                .digitalSourceType(ProvenanceInfo.ALGORITHMICALLY_ENHANCED)
                .openedFrom(ProvenanceInfo.Parent.of(parent, title, "emb_8"), "c2pa.edited", "vectorized")
                .build();
    }

    private static byte[] fullWebp() {
        return LabellingPipeline.webp(image(320, 240, 9));
    }

    /** As the runtime's sanitiser writes SVG: UTF-8, default SVG namespace, sorted attributes, no metadata. */
    static byte[] sanitizedSvg(int width, int height, int shapes) {
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"" + SVG_NS
                + "\" height=\"" + height + "\" version=\"1.1\" viewBox=\"0 0 " + width + " " + height + "\" width=\""
                + width + "\"><title>Fuchs – vektorisiert</title>");
        for (int i = 0; i < shapes; i++) {
            int x = (i * 37) % width;
            int y = (i * 53) % height;
            svg.append("<path d=\"M").append(x).append(' ').append(y).append("L").append(width - x).append(' ')
                    .append(y).append("L").append(x).append(' ').append(height - y).append("Z\" fill=\"#")
                    .append(String.format(Locale.ROOT, "%06x", (i * 0x35a7b1) & 0xffffff)).append("\"/>");
        }
        return svg.append("</svg>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The signed SVG without what labelling adds: the metadata element and the c2pa namespace declaration. */
    private static String drawing(byte[] signed) {
        return new String(signed, StandardCharsets.UTF_8).replaceFirst("(?s)<metadata>.*?</metadata>", "")
                .replace(" xmlns:c2pa=\"http://c2pa.org/manifest\"", "");
    }

    private static String active(C2paVerify.Report report) {
        return report.json().path("manifest_store").path("active_manifest").asText();
    }

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
