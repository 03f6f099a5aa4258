package io.karafimages.provenance.internal;

import static io.karafimages.provenance.internal.LabellingPipeline.image;
import static io.karafimages.provenance.internal.LabellingPipeline.png;
import static io.karafimages.provenance.internal.LabellingPipeline.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * The summary recorded in the embed content says what the signed file says: judged against the reference
 * verifier's reading of the very bytes that were labelled.
 */
class ProvenanceSummaryVerifiedTest {
    private static final ProvenanceInfo FOX = ProvenanceInfo.builder("generate").model("local/procedural-v1")
            .prompt("a red fox").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA)
            .generatedAt(Instant.parse("2026-11-26T10:00:00Z")).build();

    @TempDir
    static Path dir;
    private static LabellingPipeline pipeline;

    @BeforeAll
    static void wire() throws IOException {
        pipeline = new LabellingPipeline(dir, Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGenerationSummaryMatchesItsSignedManifestAndXmp() throws Exception {
        ProvenanceHook.Labelled fox = pipeline.describe(png(image(200, 150, 0)), FOX);

        C2paVerify.Report report = trusted(pipeline.verify(fox.bytes(), "summary-fox"));
        Map<String, Object> c2pa = (Map<String, Object>) fox.provenance().get("c2pa");
        List<Map<String, Object>> actions = (List<Map<String, Object>>) c2pa.get("actions");
        JsonNode signed = report.assertion("c2pa.actions.v2").path("actions");
        assertEquals(signed.size(), actions.size(), signed.toString());
        for (int i = 0; i < actions.size(); i++) {
            assertEquals(signed.path(i).path("action").asText(), actions.get(i).get("action"));
            assertEquals(signed.path(i).path("softwareAgent").path("name").asText(),
                    actions.get(i).get("software_agent"));
        }
        assertEquals("c2pa.created", actions.get(0).get("action"));
        assertEquals("2026-11-26T10:00:00Z", actions.get(0).get("when"));
        assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, c2pa.get("digital_source_type"));
        assertEquals(List.of(), c2pa.get("ingredients"));
        String cn = report.activeManifest().path("signature_info").path("common_name").asText();
        if (cn.isEmpty()) { // older verifier output: the issuer names the CA, the subject is in our identity
            cn = ProvenanceSummary.signer(new SigningIdentity(Configs.of(SigningIdentity.Config.class,
                    Map.of("directory", dir.resolve("identity").toString()))).chain().get(0));
        }
        assertTrue(((String) c2pa.get("signed_by")).startsWith(cn), c2pa + " vs " + cn);
        assertTrue(((String) c2pa.get("claim_generator")).startsWith("Karaf Images"));

        Map<String, Object> iptc = (Map<String, Object>) fox.provenance().get("iptc");
        JsonNode xmp = ExifTool.read(ExifTool.temp(fox.bytes(), ".png"));
        assertEquals(xmp.path("XMP-iptcExt:DigitalSourceType").asText(), iptc.get("digital_source_type"));
        assertEquals(xmp.path("XMP-photoshop:Credit").asText(), iptc.get("credit"));
        assertEquals("Karaf Images offline procedural generator", iptc.get("ai_system"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUploadWithItsOwnManifestListsItAsAKeptParentAndNoAiLabels() throws Exception {
        byte[] theirs = Files.readAllBytes(C2paVerify.home().resolve("fixtures/ref/node-es256.png"));
        ProvenanceInfo upload = ProvenanceInfo.builder("upload").openedFrom(ProvenanceInfo.Parent.of(theirs,
                "photo.png", null), "c2pa.edited.metadata", "private metadata removed").build();

        ProvenanceHook.Labelled labelled = pipeline.describe(theirs, upload);

        Map<String, Object> c2pa = (Map<String, Object>) labelled.provenance().get("c2pa");
        List<String> names = new ArrayList<>();
        ((List<Map<String, Object>>) c2pa.get("actions")).forEach(a -> names.add((String) a.get("action")));
        assertEquals(List.of("c2pa.opened", "c2pa.edited.metadata"), names);
        Map<String, Object> parent = ((List<Map<String, Object>>) c2pa.get("ingredients")).get(0);
        assertEquals(Map.of("title", "photo.png", "relationship", "parentOf", "format", "image/png",
                "manifest_kept", true), parent);
        assertFalse(c2pa.containsKey("digital_source_type"), "not AI-made by us");
        assertFalse(labelled.provenance().containsKey("iptc"), "no XMP AI labels on an upload");
    }

    @Test
    void aPlainUploadSaysItCarriesNothing() {
        ProvenanceHook.Labelled plain = pipeline.describe(png(image(120, 90, 2)),
                ProvenanceInfo.builder("upload").build());

        assertEquals(Map.of(), plain.provenance());
    }
}
