package io.karafimages.provenance.internal;

import static io.karafimages.provenance.internal.LabellingPipeline.codes;
import static io.karafimages.provenance.internal.LabellingPipeline.image;
import static io.karafimages.provenance.internal.LabellingPipeline.manifest;
import static io.karafimages.provenance.internal.LabellingPipeline.parentChain;
import static io.karafimages.provenance.internal.LabellingPipeline.png;
import static io.karafimages.provenance.internal.LabellingPipeline.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.imaging.ImageDecoder;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * Edits: each output opens its parent (our earlier original) as the one parentOf ingredient, whose validation
 * passes against the instance CA, so generate -> edit -> edit is one verifiable chain under c2pa-rs.
 */
class EditChainVerifiedTest {
    private static final String MODEL = "fal-ai/flux-2/klein/edit";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    static Path dir;
    private static LabellingPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        pipeline = new LabellingPipeline(dir, Map.of());
    }

    @Test
    void generateThenTwoEditsIsOneTrustedChain() throws Exception {
        LabellingPipeline.Renditions generated = pipeline.render(png(image(320, 240, 0)),
                ProvenanceInfo.builder("generate").model("local/procedural-v1").prompt("a red fox")
                        .digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).generatedAt(AT).build());
        LabellingPipeline.Renditions inpainted = pipeline.render(png(image(320, 240, 1)),
                ProvenanceInfo.builder("edit_inpaint").model(MODEL).prompt("a blue sky")
                        .digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).generatedAt(AT.plusSeconds(60))
                        .openedFrom(ProvenanceInfo.Parent.of(generated.original(), "fox.png", "emb_1"),
                                "c2pa.edited", "inpainted the sky").build());
        LabellingPipeline.Renditions upscaled = pipeline.render(png(image(640, 480, 2)),
                ProvenanceInfo.builder("upscale_crisp").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA)
                        .generatedAt(AT.plusSeconds(120))
                        .openedFrom(ProvenanceInfo.Parent.of(inpainted.original(), "fox-sky.png", "emb_2"),
                                "c2pa.resized", null).build());

        for (byte[] signed : upscaled.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "chain-" + signed.length));
            List<String> chain = parentChain(report);
            assertEquals(3, chain.size(), "upscale -> inpaint -> generate: " + chain);
            assertEquals(3, report.json().path("manifest_store").path("manifests").size(), "nothing else carried");
            JsonNode upscale = actions(report, chain.get(0));
            assertEquals("c2pa.opened", upscale.path(0).path("action").asText());
            assertEquals("c2pa.resized", upscale.path(1).path("action").asText());
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, upscale.path(1).path("digitalSourceType").asText());
            assertTrue(upscale.path(1).path("softwareAgent").isMissingNode(), "no model upscaled: " + upscale);
            JsonNode inpaint = actions(report, chain.get(1));
            assertEquals("c2pa.opened", inpaint.path(0).path("action").asText());
            assertEquals("c2pa.edited", inpaint.path(1).path("action").asText());
            assertEquals("inpainted the sky", inpaint.path(1).path("description").asText());
            assertEquals(MODEL, inpaint.path(1).path("softwareAgent").path("name").asText());
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, inpaint.path(1).path("digitalSourceType").asText());
            JsonNode generate = actions(report, chain.get(2));
            assertEquals("c2pa.created", generate.path(0).path("action").asText());
            assertEquals(List.of("fox-sky.png", "fox.png"), List.of(
                    parentOf(report, chain.get(0)).path("title").asText(),
                    parentOf(report, chain.get(1)).path("title").asText()));
            for (String label : chain.subList(0, 2)) {
                JsonNode parent = parentOf(report, label);
                assertEquals(List.of(), codes(parent, "failure"), label + ": " + parent);
                assertTrue(codes(parent, "success").containsAll(List.of("claimSignature.validated",
                        "signingCredential.trusted", "assertion.dataHash.match")), label + ": " + parent);
            }
        }
        assertEquals(3, pipeline.verify(upscaled.preview(), "chain-preview").exitCode(), "previews carry XMP only");
        JsonNode xmp = ExifTool.read(ExifTool.temp(inpainted.full(), ".webp"));
        assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, xmp.path("XMP-iptcExt:DigitalSourceType").asText());
        assertEquals("a blue sky", xmp.path("XMP-iptcExt:AIPromptInformation").asText());
        assertFalse(ExifTool.read(ExifTool.temp(upscaled.original(), ".png")).has("XMP-iptcExt:AISystemUsed"),
                "no model, no AI system");
    }

    @Test
    void aModelEditingAnUploadIsACompositeInC2paAndXmp() throws Exception {
        LabellingPipeline.Renditions upload = pipeline.render(png(image(300, 200, 3)),
                ProvenanceInfo.builder("upload").build());
        LabellingPipeline.Renditions edited = pipeline.render(png(image(300, 200, 4)),
                ProvenanceInfo.builder("edit_inpaint").model(MODEL).aiSystem("FLUX.2 [klein]").prompt("a hat")
                        .digitalSourceType(ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
                        .openedFrom(ProvenanceInfo.Parent.of(upload.original(), "holiday.png", "emb_3"),
                                "c2pa.edited", "added a hat").build());

        for (byte[] signed : edited.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "composite-" + signed.length));
            JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
            assertEquals("c2pa.opened", actions.path(0).path("action").asText());
            assertEquals(ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                    actions.path(1).path("digitalSourceType").asText());
            JsonNode parent = report.activeManifest().path("ingredients").path(0);
            assertEquals("parentOf", parent.path("relationship").asText());
            assertEquals("holiday.png", parent.path("title").asText());
            assertTrue(parent.path("active_manifest").isMissingNode(), "the upload had no manifest: " + parent);
            assertEquals(MODEL, report.assertion("io.karafimages.generation").path("model").asText());
            assertTrue(report.assertion("c2pa.training-mining").toString().contains("constrained"));
            JsonNode tags = ExifTool.read(ExifTool.temp(signed, ".img"));
            assertEquals(ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                    tags.path("XMP-iptcExt:DigitalSourceType").asText());
            assertEquals("FLUX.2 [klein]", tags.path("XMP-iptcExt:AISystemUsed").asText());
        }
    }

    @Test
    void aSignedProviderOutputOfAnEditIsNotASecondParent() throws Exception {
        byte[] generated = pipeline.render(png(image(200, 200, 5)), ProvenanceInfo.builder("generate")
                .model("local/procedural-v1").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).build())
                .original();
        byte[] titan = Files.readAllBytes(C2paVerify.home().resolve("fixtures/upstream/c2pa-ts/amazon-titan-g1.png"));

        LabellingPipeline.Renditions edited = pipeline.render(titan, ProvenanceInfo.builder("edit_variate")
                .model("amazon/titan").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA)
                .openedFrom(ProvenanceInfo.Parent.of(generated, "fox.png", "emb_4"), "c2pa.edited", null).build());

        assertTrue(C2paWriter.readManifestStore(new MetadataStripper(new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS)).strip(titan)).isPresent(),
                "the sanitizer keeps Titan's store: the edit's original carries it until signed");
        C2paVerify.Report report = trusted(pipeline.verify(edited.original(), "titan-edit"));
        assertEquals(2, parentChain(report).size());
        assertEquals(2, report.json().path("manifest_store").path("manifests").size(), "Titan's store was dropped");
        assertEquals(1, report.activeManifest().path("ingredients").size());
        assertEquals("fox.png", report.activeManifest().path("ingredients").path(0).path("title").asText());
    }


    private static JsonNode actions(C2paVerify.Report report, String label) {
        for (JsonNode a : manifest(report, label).path("assertions")) {
            if (a.path("label").asText().equals("c2pa.actions.v2")) {
                return a.path("data").path("actions");
            }
        }
        throw new AssertionError("no c2pa.actions.v2 in " + label);
    }

    private static JsonNode parentOf(C2paVerify.Report report, String label) {
        JsonNode ingredients = manifest(report, label).path("ingredients");
        assertEquals(1, ingredients.size(), label + " has exactly one ingredient: " + ingredients);
        assertEquals("parentOf", ingredients.path(0).path("relationship").asText());
        return ingredients.path(0);
    }
}
