package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/** The API refuses definitions that would give manifests validators reject, before any signing. */
class ManifestDefinitionTest {

    private static final GeneratorInfo APP = GeneratorInfo.of("app", "1");

    @Test
    void needsAnAction() {
        assertThrows(IllegalStateException.class, () -> ManifestDefinition.builder(APP).build());
    }

    @Test
    void createdOrOpenedOnlyFirst() {
        ManifestDefinition.Builder b = ManifestDefinition.builder(APP)
                .action(Action.builder(Action.EDITED).build())
                .action(Action.created(Action.TRAINED_ALGORITHMIC_MEDIA).build());
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void rejectsReservedDuplicateAndMalformedLabels() {
        assertThrows(IllegalArgumentException.class, () -> CustomAssertion.of("c2pa.hash.data", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CustomAssertion.of("c2pa.actions.v2", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CustomAssertion.of("nodots", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CustomAssertion.of("com.example.x", Map.of("k", new Object())));
        ManifestDefinition.Builder b = Definitions.builder("t").assertion(CustomAssertion.of(Definitions.GENERATION_LABEL, Map.of()));
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalArgumentException.class, () -> Action.builder("c2pa.edited").parameter("ingredients", "x"));
    }

    @Test
    void atMostOneParentAndOnlyKnownIngredientReferences() {
        Ingredient p1 = Ingredient.builder(Ingredient.Relationship.PARENT_OF).title("a").build();
        Ingredient p2 = Ingredient.builder(Ingredient.Relationship.PARENT_OF).title("b").build();
        assertThrows(IllegalStateException.class, () -> Definitions.builder("t").ingredient(p1).ingredient(p2).build());
        Ingredient stranger = Ingredient.builder(Ingredient.Relationship.INPUT_TO).title("c").build();
        ManifestDefinition.Builder b = ManifestDefinition.builder(APP).action(Action.edited().ingredient(stranger).build());
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void signRefusesAWrongDeclaredFormatAndAParentNextToAnEmbeddedStore() {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        byte[] png = TestImages.png(PngKind.RGB, 8, 8);
        assertThrows(IllegalArgumentException.class, () -> writer.sign(png, Definitions.builder("t").format("image/jpeg").build()));
        byte[] signed = writer.sign(png, Definitions.generated("t"));
        Ingredient parent = Ingredient.builder(Ingredient.Relationship.PARENT_OF).title("p").build();
        assertThrows(IllegalArgumentException.class, () -> writer.sign(signed, Definitions.builder("t").ingredient(parent).build()));
    }

    @Test
    void signerMustMatchItsCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        assertThrows(IllegalArgumentException.class, () -> C2paSigner.of(generator.generateKeyPair().getPrivate(), TestCa.signerChain()));
        assertEquals(SigningAlgorithm.ES256, TestCa.signer().algorithm());
    }

    @Test
    void failsWithAStableReasonOnDamagedStores() {
        byte[] signed = C2paWriter.builder(TestCa.signer()).build().sign(TestImages.png(PngKind.RGB, 8, 8), Definitions.generated("t"));
        byte[] damaged = signed.clone();
        damaged[41 + 4] = 'x'; // the store superbox type 'jumb' becomes 'xumb'
        C2paException e = assertThrows(C2paException.class,
                () -> C2paWriter.builder(TestCa.signer()).build().sign(damaged, Definitions.generated("t")));
        assertEquals(C2paException.Reason.MALFORMED_MANIFEST_STORE, e.reason());
        assertTrue(C2paWriter.readManifestStore(damaged).isPresent(), "raw bytes are still returned");
    }
}
