package io.karafimages.provenance.internal;

import static io.karafimages.provenance.internal.LabellingPipeline.image;
import static io.karafimages.provenance.internal.LabellingPipeline.png;
import static io.karafimages.provenance.internal.LabellingPipeline.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/** Generations: created by the model, all AI labels in XMP, the provider's own manifest kept as the parent. */
class GenerationVerifiedTest {
    private static final ProvenanceInfo FOX = ProvenanceInfo.builder("generate").model("local/procedural-v1")
            .prompt("a red fox in the snow").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA)
            .generatedAt(Instant.parse("2026-11-26T10:00:00Z")).build();

    @TempDir
    static Path dir;
    private static LabellingPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        pipeline = new LabellingPipeline(dir, Map.of());
    }

    @Test
    void aGenerationIsCreatedByTheModelAndLabelledInXmp() throws Exception {
        LabellingPipeline.Renditions fox = pipeline.render(png(image(256, 192, 0)), FOX);

        for (byte[] signed : fox.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "fox-" + signed.length));
            JsonNode created = report.assertion("c2pa.actions.v2").path("actions").path(0);
            assertEquals("c2pa.created", created.path("action").asText());
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, created.path("digitalSourceType").asText());
            assertEquals("local/procedural-v1", created.path("softwareAgent").path("name").asText());
            assertTrue(report.activeManifest().path("ingredients").isEmpty(), "made from nothing");
            String tdm = report.assertion("c2pa.training-mining").toString();
            for (String use : List.of("c2pa.ai_generative_training", "c2pa.ai_training", "c2pa.ai_inference",
                    "c2pa.data_mining")) {
                assertTrue(tdm.contains("\"" + use + "\":{\"use\":\"constrained\""), use + " in " + tdm);
            }
            JsonNode generation = report.assertion("io.karafimages.generation");
            assertEquals("a red fox in the snow", generation.path("prompt").asText());
            assertEquals("generate", generation.path("skill").asText());
            assertEquals("2026-11-26T10:00:00Z", generation.path("generated_at").asText());
        }
        for (byte[] rendition : List.of(fox.original(), fox.full(), fox.preview())) {
            JsonNode tags = ExifTool.read(ExifTool.temp(rendition, ".img"));
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, tags.path("XMP-iptcExt:DigitalSourceType").asText());
            assertEquals("Karaf Images offline procedural generator", tags.path("XMP-iptcExt:AISystemUsed").asText());
            assertEquals("local/procedural-v1", tags.path("XMP-iptcExt:AISystemVersionUsed").asText());
            assertEquals("a red fox in the snow", tags.path("XMP-iptcExt:AIPromptInformation").asText());
            assertEquals("Generated with AI by Karaf Images", tags.path("XMP-photoshop:Credit").asText());
        }
        assertEquals(3, pipeline.verify(fox.preview(), "fox-preview").exitCode(), "previews carry XMP only");
    }

    @Test
    void aSignedProviderOutputBecomesTheParentIngredient() throws Exception {
        byte[] titan = Files.readAllBytes(C2paVerify.home().resolve("fixtures/upstream/c2pa-ts/amazon-titan-g1.png"));

        LabellingPipeline.Renditions renditions = pipeline.render(titan, FOX);

        for (byte[] signed : renditions.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "titan-" + signed.length));
            JsonNode ingredients = report.activeManifest().path("ingredients");
            assertEquals(1, ingredients.size(), ingredients.toString());
            assertEquals("parentOf", ingredients.path(0).path("relationship").asText());
            assertEquals(2, report.json().path("manifest_store").path("manifests").size(), "Titan's manifest kept");
            JsonNode first = report.assertion("c2pa.actions.v2").path("actions").path(0);
            assertEquals("c2pa.opened", first.path("action").asText());
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, first.path("digitalSourceType").asText());
        }
    }

    @Test
    void anUnreadableProviderStoreIsDroppedNotFatal() throws Exception {
        byte[] plain = png(image(160, 120, 3));
        byte[] damaged = withChunk(plain, "caBX", "not a JUMBF manifest store".getBytes(StandardCharsets.US_ASCII));

        LabellingPipeline.Renditions renditions = pipeline.render(damaged, FOX);

        for (byte[] signed : renditions.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "damaged-" + signed.length));
            assertEquals(0, report.activeManifest().path("ingredients").size(), "no ingredient from the bad store");
            JsonNode first = report.assertion("c2pa.actions.v2").path("actions").path(0);
            assertEquals("c2pa.created", first.path("action").asText());
        }
    }

    /** The PNG with one more chunk before IEND (CRC computed, so the container itself is sound). */
    private static byte[] withChunk(byte[] png, String type, byte[] data) {
        int iend = png.length - 12;
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        byte[] out = new byte[png.length + chunk.capacity()];
        System.arraycopy(png, 0, out, 0, iend);
        System.arraycopy(chunk.array(), 0, out, iend, chunk.capacity());
        System.arraycopy(png, iend, out, iend + chunk.capacity(), 12);
        return out;
    }

    @Test
    void thePromptCanBeKeptPrivate() throws Exception {
        LabellingPipeline privatePrompts = new LabellingPipeline(dir, Map.of("include_prompt", false));

        LabellingPipeline.Renditions fox = privatePrompts.render(png(image(128, 128, 1)), FOX);

        C2paVerify.Report report = trusted(privatePrompts.verify(fox.original(), "private"));
        assertTrue(report.assertion("io.karafimages.generation").path("prompt").isMissingNode());
        for (byte[] rendition : List.of(fox.original(), fox.full(), fox.preview())) {
            assertFalse(new String(rendition, StandardCharsets.ISO_8859_1).contains("red fox"));
        }
    }

}
