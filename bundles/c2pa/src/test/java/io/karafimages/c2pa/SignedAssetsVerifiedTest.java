package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/**
 * Signs PNG, WebP and JPEG files of several layouts and sizes and has the reference
 * implementation (c2pa-rs) judge them: Trusted, no failure, data hash matched, and every
 * assertion with the values we wrote. Also checks that the pixels did not change.
 */
class SignedAssetsVerifiedTest {

    private static final Path OUT = Path.of("target/c2pa-out/assets");
    private static final C2paWriter WRITER = C2paWriter.builder(TestCa.signer()).build();

    static Stream<Arguments> assets() {
        return Stream.of(
                asset("png-rgb-640x480.png", () -> TestImages.png(PngKind.RGB, 640, 480)),
                asset("png-rgba-256x256.png", () -> TestImages.png(PngKind.RGBA, 256, 256)),
                asset("png-rgb16-120x90.png", () -> TestImages.png(PngKind.RGB16, 120, 90)),
                asset("png-palette-300x200.png", () -> TestImages.png(PngKind.PALETTE, 300, 200)),
                asset("png-rgb-1x1.png", () -> TestImages.png(PngKind.RGB, 1, 1)),
                asset("png-xmp-fixture.png", () -> TestImages.fixture("src/gradient-xmp.png")),
                asset("jpeg-800x600.jpg", () -> TestImages.jpeg(800, 600)),
                asset("jpeg-64x48.jpg", () -> TestImages.jpeg(64, 48)),
                asset("jpeg-xmp-fixture.jpg", () -> TestImages.fixture("src/gradient-xmp.jpg")),
                asset("webp-lossy-simple-fixture.webp", () -> TestImages.fixture("src/gradient.webp")),
                asset("webp-lossless-fixture.webp", () -> TestImages.fixture("src/gradient-lossless.webp")),
                asset("webp-xmp-vp8x-fixture.webp", () -> TestImages.fixture("src/gradient-xmp.webp")),
                asset("webp-lossy-alpha-200x150.webp", () -> TestImages.webp(200, 150, false, true)),
                asset("webp-lossless-alpha-97x61.webp", () -> TestImages.webp(97, 61, true, true)),
                asset("webp-lossy-1024x768.webp", () -> TestImages.webp(1024, 768, false, false)));
    }

    private static Arguments asset(String name, Supplier<byte[]> bytes) {
        return Arguments.of(name, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assets")
    void referenceVerifierTrustsTheSignedAsset(String name, Supplier<byte[]> source) throws IOException {
        byte[] original = source.get();
        ManifestDefinition definition = Definitions.generated(name);

        byte[] signed = WRITER.sign(original, definition);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, name, signed), TestCa.rootPem());
        assertEquals(0, report.exitCode(), report::toString);
        assertEquals("Trusted", report.state(), report::toString);
        assertEquals(List.of(), report.failureCodes(), report::toString);
        assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
        assertManifestContent(report, definition, name);
        assertTrue(C2paWriter.readManifestStore(signed).isPresent());
        assertSamePixels(original, signed);
    }

    static void assertManifestContent(C2paVerify.Report report, ManifestDefinition definition, String title) {
        JsonNode manifest = report.activeManifest();
        assertEquals(2, manifest.path("claim_version").asInt(), "claim v2");
        assertEquals(Definitions.GENERATOR.name(), manifest.path("claim_generator_info").path(0).path("name").asText());
        assertEquals(Definitions.GENERATOR.version(), manifest.path("claim_generator_info").path(0).path("version").asText());
        assertEquals(title, manifest.path("title").asText());
        assertEquals(definition.instanceId().orElseThrow(), manifest.path("instance_id").asText());
        assertEquals("Es256", manifest.path("signature_info").path("alg").asText());

        JsonNode created = report.assertion("c2pa.actions.v2").path("actions").path(0);
        assertEquals("c2pa.created", created.path("action").asText());
        assertEquals(Action.TRAINED_ALGORITHMIC_MEDIA, created.path("digitalSourceType").asText());
        assertEquals(Definitions.MODEL.name(), created.path("softwareAgent").path("name").asText());
        assertEquals(Definitions.MODEL.version(), created.path("softwareAgent").path("version").asText());
        assertEquals("2025-01-01T00:00:00Z", created.path("when").asText());

        JsonNode entries = report.assertion("c2pa.training-mining").path("entries");
        for (String key : List.of("c2pa.ai_generative_training", "c2pa.ai_training", "c2pa.ai_inference", "c2pa.data_mining")) {
            assertEquals("constrained", entries.path(key).path("use").asText(), key);
        }
        JsonNode generation = report.assertion(Definitions.GENERATION_LABEL);
        assertEquals(Definitions.PROMPT, generation.path("prompt").asText());
        assertEquals(42, generation.path("seed").asLong());
        assertEquals(7.5, generation.path("guidance").asDouble());
    }

    private static void assertSamePixels(byte[] original, byte[] signed) throws IOException {
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(signed));
        assertEquals(before.getWidth(), after.getWidth());
        assertEquals(before.getHeight(), after.getHeight());
        int[] a = before.getRGB(0, 0, before.getWidth(), before.getHeight(), null, 0, before.getWidth());
        int[] b = after.getRGB(0, 0, after.getWidth(), after.getHeight(), null, 0, after.getWidth());
        assertArrayEquals(a, b, "decoded pixels changed");
    }
}
