package io.karafimages.core.internal.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.core.internal.pipeline.Rendered;
import io.karafimages.core.internal.pipeline.Rendition;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.provenance.internal.AiProvenance;
import io.karafimages.provenance.internal.SigningIdentity;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * The rendition pipeline with the provenance hook, exactly as the runtime wires it, with an instance identity
 * created like at first start; every signed file is judged by the reference implementation (c2pa-rs) with the
 * instance CA as the only trust anchor.
 */
class ProvenancePipelineVerifiedTest {
    private static final ProvenanceInfo INFO = ProvenanceInfo.builder("generate")
            .model("local/procedural-v1").prompt("a red fox in the snow")
            .generatedAt(Instant.parse("2026-11-26T10:00:00Z"))
            .digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).build();

    @TempDir
    static Path dir;
    private static Path anchor;
    private static RenditionPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        SigningIdentity identity = new SigningIdentity(
                Configs.of(SigningIdentity.Config.class, Map.of("directory", dir.resolve("identity").toString())));
        List<String> pems = List.of(identity.pemChain().split("(?<=-----END CERTIFICATE-----\n)"));
        anchor = Files.writeString(dir.resolve("ca.pem"), pems.get(pems.size() - 1));
        pipeline = pipelineWith(Map.of());
    }

    private static RenditionPipeline pipelineWith(Map<String, Object> provenanceConfig) {
        RenditionPipeline p = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
        SigningIdentity identity = new SigningIdentity(
                Configs.of(SigningIdentity.Config.class, Map.of("directory", dir.resolve("identity").toString())));
        p.setProvenance(new AiProvenance(Configs.of(AiProvenance.Config.class, provenanceConfig), identity));
        return p;
    }

    @ParameterizedTest
    @CsvSource({ "1024,1024,rgb", "1344,768,rgba", "640,1136,gray16", "800,600,palette", "300,300,rgb" })
    void originalAndFullAreTrustedWithTheRightAssertions(int w, int h, String kind) throws IOException {
        List<Rendition> renditions = pipeline.render(TestImages.encode(image(w, h, kind), "png"), "image/png", INFO)
                .renditions();
        for (Rendition r : renditions.subList(0, 2)) {
            C2paVerify.Report report = C2paVerify.verify(write(r.data(), kind + "-" + r.format()), anchor);
            assertEquals(0, report.exitCode(), r.format() + ": " + report);
            assertEquals("Trusted", report.state());
            assertTrue(report.failureCodes().isEmpty(), report.failureCodes().toString());
            assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"));
            String actions = report.assertion("c2pa.actions.v2").toString();
            assertTrue(actions.contains("c2pa.created"), actions);
            assertTrue(actions.contains("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"));
            assertTrue(actions.contains("local/procedural-v1"), "the model is the software agent: " + actions);
            String tdm = report.assertion("c2pa.training-mining").toString();
            for (String use : List.of("c2pa.ai_generative_training", "c2pa.ai_training", "c2pa.ai_inference",
                    "c2pa.data_mining")) {
                assertTrue(tdm.contains("\"" + use + "\":{\"use\":\"constrained\""), use + " in " + tdm);
            }
            assertEquals("a red fox in the snow", report.assertion("io.karafimages.generation").path("prompt").asText());
            assertEquals("Karaf Images", report.activeManifest().path("claim_generator_info").get(0).path("name").asText());
        }
        C2paVerify.Report preview = C2paVerify.verify(write(renditions.get(2).data(), kind + "-preview"), anchor);
        assertEquals(3, preview.exitCode(), "the preview carries XMP labels only");
    }

    @Test
    void oneChangedPixelByteBreaksTheDataHash() throws IOException {
        byte[] original = pipeline.render(TestImages.encode(image(256, 256, "rgb"), "png"), "image/png", INFO)
                .renditions().get(0)
                .data().clone();
        int idat = indexOf(original, "IDAT".getBytes()) + 40;
        original[idat] ^= 0x01;
        C2paVerify.Report report = C2paVerify.verify(write(original, "tampered"), anchor);
        assertEquals(1, report.exitCode());
        assertTrue(report.failureCodes().contains("assertion.dataHash.mismatch"), report.toString());
    }

    @Test
    void aSignedProviderOutputBecomesTheParentIngredient() throws IOException {
        byte[] titan = Files.readAllBytes(C2paVerify.home().resolve("fixtures/upstream/c2pa-ts/amazon-titan-g1.png"));
        Rendered rendered = pipeline.render(titan, "image/png", INFO);
        List<Rendition> renditions = rendered.renditions();
        for (Rendition r : renditions.subList(0, 2)) {
            C2paVerify.Report report = C2paVerify.verify(write(r.data(), "titan-" + r.format()), anchor);
            assertEquals(0, report.exitCode(), r.format() + ": " + report);
            String ingredients = report.activeManifest().path("ingredients").toString();
            assertTrue(ingredients.contains("parentOf"), ingredients);
            assertTrue(report.json().path("manifest_store").path("manifests").size() >= 2,
                    "the provider's manifest is kept in our store");
        }
        // the embed content's summary says what the signed original says
        C2paVerify.Report original = C2paVerify.verify(write(renditions.get(0).data(), "titan-summary"), anchor);
        Map<?, ?> c2pa = (Map<?, ?>) rendered.provenance().get("c2pa");
        List<?> actions = (List<?>) c2pa.get("actions");
        JsonNode signed = original.assertion("c2pa.actions.v2").path("actions");
        assertEquals(signed.size(), actions.size(), signed + " vs " + actions);
        for (int i = 0; i < actions.size(); i++) {
            assertEquals(signed.path(i).path("action").asText(), ((Map<?, ?>) actions.get(i)).get("action"),
                    signed + " vs " + actions);
        }
        Map<?, ?> parent = (Map<?, ?>) ((List<?>) c2pa.get("ingredients")).get(0);
        assertEquals("parentOf", parent.get("relationship"));
        assertEquals(true, parent.get("manifest_kept"));
        assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA,
                ((Map<?, ?>) rendered.provenance().get("iptc")).get("digital_source_type"));
    }

    @Test
    void thePromptCanBeKeptPrivate() throws IOException {
        RenditionPipeline privatePrompts = pipelineWith(Map.of("include_prompt", false));
        byte[] original = privatePrompts.render(TestImages.encode(image(128, 128, "rgb"), "png"), "image/png", INFO)
                .renditions().get(0).data();
        C2paVerify.Report report = C2paVerify.verify(write(original, "private"), anchor);
        assertEquals(0, report.exitCode(), report.toString());
        assertTrue(report.assertion("io.karafimages.generation").path("prompt").isMissingNode());
        assertFalse(new String(original, java.nio.charset.StandardCharsets.ISO_8859_1).contains("red fox"));
    }

    private static BufferedImage image(int w, int h, String kind) {
        return switch (kind) {
            case "rgba" -> TestImages.image(w, h, BufferedImage.TYPE_INT_ARGB);
            case "gray16" -> TestImages.image(w, h, BufferedImage.TYPE_USHORT_GRAY);
            case "palette" -> TestImages.image(w, h, BufferedImage.TYPE_BYTE_INDEXED);
            default -> TestImages.image(w, h, BufferedImage.TYPE_INT_RGB);
        };
    }

    private static Path write(byte[] data, String name) throws IOException {
        return Files.write(dir.resolve(name + (data[0] == 'R' ? ".webp" : ".png")), data);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
