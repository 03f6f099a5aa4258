package io.karafimages.provenance.internal;

import static io.karafimages.provenance.internal.LabellingPipeline.codes;
import static io.karafimages.provenance.internal.LabellingPipeline.image;
import static io.karafimages.provenance.internal.LabellingPipeline.parentChain;
import static io.karafimages.provenance.internal.LabellingPipeline.png;
import static io.karafimages.provenance.internal.LabellingPipeline.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.imaging.PngChunks;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * Uploads are not AI-made: no XMP labels at all; a C2PA manifest only when the uploaded bytes carried one, which
 * our manifest then opens as its parent.
 */
class UploadVerifiedTest {
    private static final ProvenanceInfo PLAIN_UPLOAD = ProvenanceInfo.builder("upload").build();

    @TempDir
    static Path dir;
    private static LabellingPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        pipeline = new LabellingPipeline(dir, Map.of());
    }

    @Test
    void aPlainUploadGetsNoXmpAndNoManifestEvenWhenItClaimedToBeAi() throws Exception {
        Path input = ExifTool.temp(png(image(240, 160, 0)), ".png");
        ExifTool.write(input, "-XMP-iptcExt:DigitalSourceType=" + ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA,
                "-XMP-photoshop:Credit=Generated with AI");
        assertTrue(ExifTool.read(input).has("XMP-iptcExt:DigitalSourceType"), "the input really claims it");

        LabellingPipeline.Renditions upload = pipeline.render(Files.readAllBytes(input), PLAIN_UPLOAD);

        for (byte[] rendition : List.of(upload.original(), upload.full(), upload.preview())) {
            JsonNode tags = ExifTool.read(ExifTool.temp(rendition, ".img"));
            List<String> xmp = new ArrayList<>();
            tags.fieldNames().forEachRemaining(tag -> {
                if (tag.startsWith("XMP")) {
                    xmp.add(tag);
                }
            });
            assertEquals(List.of(), xmp, "no XMP packet at all");
            assertFalse(tags.toString().contains("Generated with AI"));
            assertTrue(C2paWriter.readManifestStore(rendition).isEmpty());
        }
        assertEquals(3, pipeline.verify(upload.original(), "plain-upload").exitCode(), "no manifest found");
    }

    @Test
    void anUploadCarryingC2paIsOpenedAsTheParent() throws Exception {
        byte[] signedElsewhere = Files.readAllBytes(C2paVerify.home().resolve("fixtures/ref/node-es256.png"));
        String theirs = C2paVerify.verify(pipeline.write(signedElsewhere, "theirs"), C2paVerify.home()
                .resolve("testca/ca.pem")).json().path("manifest_store").path("active_manifest").asText();

        LabellingPipeline.Renditions upload = pipeline.render(signedElsewhere,
                withParent(signedElsewhere, "photo.png"));

        for (byte[] signed : upload.signed()) {
            C2paVerify.Report report = trusted(pipeline.verify(signed, "upload-c2pa-" + signed.length));
            assertEquals(List.of(report.json().path("manifest_store").path("active_manifest").asText(), theirs),
                    parentChain(report));
            JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
            assertEquals(2, actions.size(), actions.toString());
            assertEquals("c2pa.opened", actions.path(0).path("action").asText());
            assertEquals("c2pa.edited.metadata", actions.path(1).path("action").asText());
            assertEquals("private metadata removed", actions.path(1).path("description").asText());
            assertFalse(actions.toString().contains("digitalSourceType"), "not labelled AI-made by us: " + actions);
            assertTrue(report.assertion("io.karafimages.generation").isMissingNode());
            JsonNode parent = report.activeManifest().path("ingredients").path(0);
            assertEquals("photo.png", parent.path("title").asText());
            assertTrue(codes(parent, "success").containsAll(List.of("claimSignature.validated",
                    "assertion.dataHash.match")), parent.toString());
            assertEquals(List.of("signingCredential.untrusted"), codes(parent, "failure"),
                    "only trust fails: their CA is not this instance's");
            assertFalse(ExifTool.read(ExifTool.temp(signed, ".img")).has("XMP-iptcExt:DigitalSourceType"));
        }
        assertTrue(C2paWriter.readManifestStore(upload.preview()).isEmpty());
    }

    @Test
    void anUploadedJpegKeepsItsWholeHistory() throws Exception {
        byte[] jpeg = Files.readAllBytes(C2paVerify.home().resolve("fixtures/upstream/c2pa-rs/CA.jpg"));

        byte[] original = pipeline.render(jpeg, withParent(jpeg, "CA.jpg")).original();

        C2paVerify.Report report = trusted(pipeline.verify(original, "upload-ca"));
        List<String> chain = parentChain(report);
        assertEquals(2, chain.size(), "ours -> CA.jpg's: " + chain);
        assertEquals("A.jpg", LabellingPipeline.manifest(report, chain.get(1)).path("ingredients").path(0)
                .path("title").asText(), "CA.jpg's own (manifest-less) parent is still listed");
        JsonNode parent = report.activeManifest().path("ingredients").path(0);
        assertEquals("image/jpeg", parent.path("format").asText());
        assertTrue(codes(parent, "success").containsAll(List.of("claimSignature.validated",
                "assertion.dataHash.match")), parent.toString());
    }

    @Test
    void aDamagedStoreIsDroppedButTheParentIsStillNamed() throws Exception {
        byte[] damaged = withCaBx(png(image(120, 80, 1)), "not a JUMBF box".getBytes(StandardCharsets.US_ASCII));

        byte[] opened = pipeline.render(damaged, withParent(damaged, "odd.png")).original();
        byte[] plain = pipeline.render(damaged, PLAIN_UPLOAD).original();

        C2paVerify.Report report = trusted(pipeline.verify(opened, "damaged-parent"));
        assertEquals(1, report.json().path("manifest_store").path("manifests").size());
        JsonNode parent = report.activeManifest().path("ingredients").path(0);
        assertEquals("odd.png", parent.path("title").asText());
        assertEquals("parentOf", parent.path("relationship").asText());
        assertTrue(C2paWriter.readManifestStore(plain).isEmpty(), "without a parent the leftover store is removed");
    }

    private static ProvenanceInfo withParent(byte[] uploaded, String title) {
        return ProvenanceInfo.builder("upload")
                .openedFrom(ProvenanceInfo.Parent.of(uploaded, title, null), "c2pa.edited.metadata",
                        "private metadata removed").build();
    }


    private static byte[] withCaBx(byte[] png, byte[] content) {
        List<PngChunks.Chunk> chunks = PngChunks.read(png);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngChunks.signature());
        PngChunks.copy(png, chunks.get(0), out);
        PngChunks.write(out, "caBX", content);
        chunks.subList(1, chunks.size()).forEach(c -> PngChunks.copy(png, c, out));
        return out.toByteArray();
    }
}
