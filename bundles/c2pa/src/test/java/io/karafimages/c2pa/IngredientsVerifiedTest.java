package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/**
 * Provenance that already exists is carried over: an AI provider's signed output, our own signed
 * output signed again, and an explicitly given parent (the later "edit" flow).
 */
class IngredientsVerifiedTest {

    private static final Path OUT = Path.of("target/c2pa-out/ingredients");
    private static final String TITAN_MANIFEST = "urn:uuid:31c13ba2-fa0e-4676-9939-f5a79c5c7537";

    @Test
    void amazonTitanOutputBecomesTheParentIngredient() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        byte[] titan = TestImages.fixture("upstream/c2pa-ts/amazon-titan-g1.png");

        byte[] signed = writer.sign(titan, Definitions.generated("titan.png"));

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "titan.png", signed), TestCa.rootPem());
        assertTrusted(report);
        JsonNode ingredient = report.activeManifest().path("ingredients").path(0);
        assertEquals("parentOf", ingredient.path("relationship").asText());
        assertEquals(TITAN_MANIFEST, ingredient.path("active_manifest").asText());
        assertEquals("image.png", ingredient.path("title").asText(), "title taken from the parent's claim");
        assertTrue(report.json().path("manifest_store").path("manifests").has(TITAN_MANIFEST), "parent manifest carried over");
        List<String> recorded = codes(ingredient.path("validation_results").path("activeManifest"), "success");
        assertTrue(recorded.containsAll(List.of("claimSignature.validated", "assertion.hashedURI.match", "assertion.dataHash.match")), recorded::toString);
        assertEquals(List.of("signingCredential.untrusted"), codes(ingredient.path("validation_results").path("activeManifest"), "failure"),
                "Amazon's signer does not chain to the configured (empty) trust anchors");
        JsonNode opened = report.assertion("c2pa.actions.v2").path("actions").path(0);
        assertEquals("c2pa.opened", opened.path("action").asText(), "created becomes opened when there is a parent");
        assertEquals("self#jumbf=c2pa.assertions/c2pa.ingredient.v3",
                opened.path("parameters").path("ingredients").path(0).path("url").asText());
        assertEquals(Definitions.MODEL.name(), opened.path("softwareAgent").path("name").asText());
    }

    @Test
    void reSigningKeepsOurOwnManifestAsTrustedParentAndRecordsTheEdit() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).ingredientTrustAnchors(List.of(TestCa.root())).build();
        byte[] first = writer.sign(TestImages.png(PngKind.RGB, 200, 100), Definitions.generated("first.png"));
        String firstLabel = C2paVerify.verify(TestImages.write(OUT, "first.png", first), TestCa.rootPem()).json().path("manifest_store").path("active_manifest").asText();
        ManifestDefinition edit = ManifestDefinition.builder(Definitions.GENERATOR).title("second.png")
                .action(Action.edited().digitalSourceType(Action.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
                        .softwareAgent(GeneratorInfo.of("example-inpainting", "2")).description("inpainted the sky").build())
                .build();

        byte[] second = writer.sign(first, edit);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "second.png", second), TestCa.rootPem());
        assertTrusted(report);
        JsonNode ingredient = report.activeManifest().path("ingredients").path(0);
        assertEquals(firstLabel, ingredient.path("active_manifest").asText());
        assertEquals("first.png", ingredient.path("title").asText());
        assertTrue(codes(ingredient.path("validation_results").path("activeManifest"), "success").contains("signingCredential.trusted"));
        assertEquals(List.of(), codes(ingredient.path("validation_results").path("activeManifest"), "failure"));
        JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
        assertEquals("c2pa.opened", actions.path(0).path("action").asText());
        assertEquals("c2pa.edited", actions.path(1).path("action").asText());
        assertEquals(Action.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, actions.path(1).path("digitalSourceType").asText());
        assertEquals("self#jumbf=c2pa.assertions/c2pa.ingredient.v3",
                actions.path(1).path("parameters").path("ingredients").path(0).path("url").asText());
        assertEquals(2, report.json().path("manifest_store").path("manifests").size());
    }

    @Test
    void explicitParentIngredientFromAnotherFile() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).ingredientTrustAnchors(List.of(TestCa.root())).build();
        byte[] original = writer.sign(TestImages.jpeg(300, 200), Definitions.generated("original.jpg"));
        Ingredient parent = Ingredient.builder(Ingredient.Relationship.PARENT_OF).title("original.jpg").asset(original).build();
        ManifestDefinition edit = ManifestDefinition.builder(Definitions.GENERATOR).title("edited.png")
                .ingredient(parent)
                .action(Action.edited().digitalSourceType(Action.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA).softwareAgent(Definitions.MODEL).build())
                .trainingMining(TrainingMining.allConstrained())
                .build();

        byte[] edited = writer.sign(TestImages.png(PngKind.RGBA, 300, 200), edit);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "edited.png", edited), TestCa.rootPem());
        assertTrusted(report);
        JsonNode ingredient = report.activeManifest().path("ingredients").path(0);
        assertEquals("parentOf", ingredient.path("relationship").asText());
        assertEquals("original.jpg", ingredient.path("title").asText());
        assertEquals("image/jpeg", ingredient.path("format").asText());
        assertTrue(codes(ingredient.path("validation_results").path("activeManifest"), "success").contains("assertion.dataHash.match"));
    }

    @Test
    void inputAndComponentIngredientsAreReferencedFromActions() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).ingredientTrustAnchors(List.of(TestCa.root())).build();
        Ingredient reference = Ingredient.builder(Ingredient.Relationship.INPUT_TO).title("reference.png")
                .asset(TestImages.png(PngKind.RGB, 64, 64)).build();
        Ingredient logo = Ingredient.builder(Ingredient.Relationship.COMPONENT_OF).title("logo.jpg")
                .asset(writer.sign(TestImages.jpeg(40, 40), Definitions.generated("logo.jpg"))).build();
        ManifestDefinition definition = ManifestDefinition.builder(Definitions.GENERATOR).title("composed.png")
                .ingredient(reference).ingredient(logo)
                .action(Action.created(Action.TRAINED_ALGORITHMIC_MEDIA).softwareAgent(Definitions.MODEL).ingredient(reference).build())
                .build();

        byte[] signed = writer.sign(TestImages.png(PngKind.RGB, 128, 128), definition);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "composed.png", signed), TestCa.rootPem());
        assertTrusted(report);
        JsonNode ingredients = report.activeManifest().path("ingredients");
        assertEquals("inputTo", ingredients.path(0).path("relationship").asText());
        assertEquals("componentOf", ingredients.path(1).path("relationship").asText());
        JsonNode actions = report.assertion("c2pa.actions.v2").path("actions");
        assertEquals("self#jumbf=c2pa.assertions/c2pa.ingredient.v3",
                actions.path(0).path("parameters").path("ingredients").path(0).path("url").asText());
        assertEquals("c2pa.placed", actions.path(1).path("action").asText(), "placed added for the component");
        assertEquals("self#jumbf=c2pa.assertions/c2pa.ingredient.v3__1",
                actions.path(1).path("parameters").path("ingredients").path(0).path("url").asText());
    }

    @Test
    void discardPolicyDropsTheOldStore() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        byte[] titan = TestImages.fixture("upstream/c2pa-ts/amazon-titan-g1.png");

        byte[] signed = writer.sign(titan, Definitions.builder("discarded.png").existingManifestPolicy(ExistingManifestPolicy.DISCARD).build());

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "discarded.png", signed), TestCa.rootPem());
        assertTrusted(report);
        assertEquals(1, report.json().path("manifest_store").path("manifests").size());
        assertFalse(report.activeManifest().has("ingredients") && report.activeManifest().path("ingredients").size() > 0);
        assertEquals("c2pa.created", report.assertion("c2pa.actions.v2").path("actions").path(0).path("action").asText());
    }

    private static void assertTrusted(C2paVerify.Report report) {
        assertEquals(0, report.exitCode(), report::toString);
        assertEquals("Trusted", report.state(), report::toString);
        assertEquals(List.of(), report.failureCodes(), report::toString);
        assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
    }

    private static List<String> codes(JsonNode statusCodes, String kind) {
        List<String> codes = new ArrayList<>();
        statusCodes.path(kind).forEach(s -> codes.add(s.path("code").asText()));
        return codes;
    }
}
