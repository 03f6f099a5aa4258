package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.Tamper;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;
import io.karafimages.c2pa.testing.TestSvgs;
import io.karafimages.testsupport.C2paVerify;

/**
 * SVG signed by our writer and judged by the reference implementation (c2pa-rs reads the store from
 * {@code svg/metadata/c2pa:manifest}): Trusted, hard binding matched, the SVG still well-formed namespaced XML;
 * as the edit of a signed raster image (the vectorize flow) and as the parent of a later signature; tampering
 * with the markup or the XMP outside the store is caught.
 */
class SignedSvgVerifiedTest {

    private static final Path OUT = Path.of("target/c2pa-out/svg");
    private static final String ALGORITHMICALLY_ENHANCED = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicallyEnhanced";

    static Stream<Arguments> svgs() {
        return Stream.of(
                svg("traced-64x48.svg", () -> TestSvgs.traced(64, 48, 5)),
                svg("traced-1024x768-3000-paths.svg", () -> TestSvgs.traced(1024, 768, 3000)),
                svg("xmp-in-metadata.svg", () -> TestSvgs.withXmp(TestSvgs.xmp())),
                svg("empty-root.svg", () -> utf8("<svg xmlns=\"" + TestSvgs.SVG_NS + "\" width=\"10\" height=\"10\"/>")),
                svg("bom-comment-no-declaration.svg", () -> utf8("\uFEFF<!-- traced -->\n<svg xmlns=\"" + TestSvgs.SVG_NS
                        + "\" viewBox=\"0 0 4 4\">\n  <rect width=\"4\" height=\"4\" fill=\"red\"/>\n</svg>\n")),
                svg("doctype-rdf-metadata-cdata.svg", () -> utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                        + "<svg xmlns=\"" + TestSvgs.SVG_NS + "\" viewBox=\"0 0 4 4\"><metadata><rdf:RDF "
                        + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></metadata><!-- c -->"
                        + "<style><![CDATA[rect{fill:red}]]></style><rect width=\"4\" height=\"4\"/></svg>")));
    }

    private static Arguments svg(String name, Supplier<byte[]> bytes) {
        return Arguments.of(name, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("svgs")
    void referenceVerifierTrustsTheSignedSvg(String name, Supplier<byte[]> source) throws Exception {
        ManifestDefinition definition = Definitions.generated(name);

        byte[] signed = C2paWriter.builder(TestCa.signer()).build().sign(source.get(), definition);

        C2paVerify.Report report = assertTrusted(C2paVerify.verify(TestImages.write(OUT, name, signed), TestCa.rootPem()));
        assertEquals("image/svg+xml", report.json().path("format").asText(), "the verifier read it as SVG");
        SignedAssetsVerifiedTest.assertManifestContent(report, definition, name);
        Document doc = parse(signed);
        assertEquals(TestSvgs.SVG_NS, doc.getDocumentElement().getNamespaceURI());
        assertEquals(1, doc.getElementsByTagNameNS("http://c2pa.org/manifest", "manifest").getLength());
        assertTrue(C2paWriter.readManifestStore(signed).isPresent());
    }

    @Test
    void vectorizingASignedImageRecordsItAsTheTrustedParent() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).ingredientTrustAnchors(List.of(TestCa.root())).build();
        byte[] raster = writer.sign(TestImages.png(PngKind.RGB, 64, 48), Definitions.generated("fox.png"));
        String rasterLabel = activeLabel(C2paVerify.verify(TestImages.write(OUT, "fox.png", raster), TestCa.rootPem()));
        ManifestDefinition vectorized = ManifestDefinition.builder(Definitions.GENERATOR).title("vectorize.svg")
                .format("image/svg+xml")
                .ingredient(Ingredient.builder(Ingredient.Relationship.PARENT_OF).title("fox.png").asset(raster).build())
                .action(Action.builder(Action.OPENED).build())
                .action(Action.edited().digitalSourceType(ALGORITHMICALLY_ENHANCED).description("vectorized").build())
                .existingManifestPolicy(ExistingManifestPolicy.DISCARD)
                .build();

        byte[] svg = writer.sign(TestSvgs.traced(64, 48, 40), vectorized);

        C2paVerify.Report report = assertTrusted(C2paVerify.verify(TestImages.write(OUT, "vectorize.svg", svg), TestCa.rootPem()));
        JsonNode parent = report.activeManifest().path("ingredients").path(0);
        assertEquals("parentOf", parent.path("relationship").asText());
        assertEquals("fox.png", parent.path("title").asText());
        assertEquals("image/png", parent.path("format").asText());
        assertEquals(rasterLabel, parent.path("active_manifest").asText());
        assertEquals(List.of(), codes(parent, "failure"), parent::toString);
        assertTrue(codes(parent, "success").containsAll(List.of("claimSignature.validated", "signingCredential.trusted",
                "assertion.dataHash.match")), parent::toString);
        JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
        assertEquals("c2pa.opened", actions.path(0).path("action").asText());
        assertEquals("c2pa.edited", actions.path(1).path("action").asText());
        assertEquals("vectorized", actions.path(1).path("description").asText());
        assertEquals(2, report.json().path("manifest_store").path("manifests").size());
    }

    @Test
    void aSignedSvgSignedAgainBecomesTheParent() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).ingredientTrustAnchors(List.of(TestCa.root())).build();
        byte[] first = writer.sign(TestSvgs.traced(80, 60, 10), Definitions.generated("first.svg"));
        String firstLabel = activeLabel(C2paVerify.verify(TestImages.write(OUT, "first.svg", first), TestCa.rootPem()));

        byte[] second = writer.sign(first, Definitions.generated("second.svg"));

        C2paVerify.Report report = assertTrusted(C2paVerify.verify(TestImages.write(OUT, "second.svg", second), TestCa.rootPem()));
        JsonNode parent = report.activeManifest().path("ingredients").path(0);
        assertEquals(firstLabel, parent.path("active_manifest").asText());
        assertEquals("image/svg+xml", parent.path("format").asText());
        assertTrue(codes(parent, "success").contains("assertion.dataHash.match"), "our validator hashed the SVG parent");
        assertEquals(List.of(), codes(parent, "failure"));
        assertEquals(1, count(new String(second, StandardCharsets.UTF_8), "<c2pa:manifest>"), "one store in the file");
    }

    @Test
    void changedMarkupOrXmpOutsideTheStoreBreaksTheDataHash() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        byte[] signed = writer.sign(TestSvgs.withXmp(TestSvgs.xmp()), Definitions.generated("tampered.svg"));
        String fill = new String(signed, StandardCharsets.UTF_8).replaceAll("(?s).*?fill=\"(#[0-9a-f]{6})\".*", "$1");

        for (byte[] tampered : List.of(Tamper.replace(signed, fill, fill.equals("#000000") ? "#000001" : "#000000"),
                Tamper.replace(signed, "algorithmicallyEnhanced", "trainedAlgorithmicMedia"))) {
            C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "tampered.svg", tampered), TestCa.rootPem());
            assertEquals(1, report.exitCode(), report::toString);
            assertTrue(report.failureCodes().contains("assertion.dataHash.mismatch"), report::toString);
            assertFalse(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
        }
    }

    private static C2paVerify.Report assertTrusted(C2paVerify.Report report) {
        assertEquals(0, report.exitCode(), report::toString);
        assertEquals("Trusted", report.state(), report::toString);
        assertEquals(List.of(), report.failureCodes(), report::toString);
        assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
        return report;
    }

    private static String activeLabel(C2paVerify.Report report) {
        return report.json().path("manifest_store").path("active_manifest").asText();
    }

    private static List<String> codes(JsonNode ingredient, String kind) {
        List<String> codes = new ArrayList<>();
        ingredient.path("validation_results").path("activeManifest").path(kind).forEach(c -> codes.add(c.path("code").asText()));
        return codes;
    }

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
