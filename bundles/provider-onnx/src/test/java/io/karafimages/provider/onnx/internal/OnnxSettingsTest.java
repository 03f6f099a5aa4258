package io.karafimages.provider.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OnnxSettingsTest {
    private static final Path MODEL = Path.of("/opt/models/u2netp.onnx");

    @Test
    void theDefaultsAreU2netpsPreprocessing() {
        OnnxSettings s = OnnxSettings.from(TestConfig.of(MODEL));

        assertEquals(MODEL, s.modelPath());
        assertEquals(Optional.empty(), s.sha256());
        assertEquals(320, s.inputSize());
        assertArrayEquals(new float[] { 0.485f, 0.456f, 0.406f }, s.mean());
        assertArrayEquals(new float[] { 0.229f, 0.224f, 0.225f }, s.std());
        assertEquals(0, s.threads());
        assertEquals("ONNX salient-object model", s.displayName());
    }

    @Test
    void valuesAreTrimmedAndTheDigestLowerCased() {
        TestConfig c = TestConfig.of(MODEL);
        c.modelPath = "  /opt/models/u2netp.onnx ";
        c.sha256 = " 309C8469258DDA742793DCE0EBEA8E6DD393174F89934733ECC8B14C76F4DDD8 ";
        c.mean = " 0.5 ,0.5,  0.5 ";
        c.std = "0.5, 0.25, 1";
        c.threads = 2;
        c.displayName = "  u2netp ";
        OnnxSettings s = OnnxSettings.from(c);

        assertEquals(MODEL, s.modelPath());
        assertEquals(Optional.of("309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8"), s.sha256());
        assertArrayEquals(new float[] { 0.5f, 0.5f, 0.5f }, s.mean());
        assertArrayEquals(new float[] { 0.5f, 0.25f, 1f }, s.std());
        assertEquals(2, s.threads());
        assertEquals("u2netp", s.displayName());
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertRefused("sha256", c -> c.sha256 = "abc");
        assertRefused("input.size", c -> c.inputSize = 8);
        assertRefused("input.size", c -> c.inputSize = 8192);
        assertRefused("mean", c -> c.mean = "0.5,0.5");
        assertRefused("mean", c -> c.mean = "red,green,blue");
        assertRefused("mean", c -> c.mean = "NaN,0,0");
        assertRefused("std", c -> c.std = "0.2,0,0.2");
        assertRefused("std", c -> c.std = "0.2,-1,0.2");
        assertRefused("threads", c -> c.threads = -1);
    }

    private static void assertRefused(String key, java.util.function.Consumer<TestConfig> change) {
        TestConfig c = TestConfig.of(MODEL);
        change.accept(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxSettings.from(c));
        assertTrue(e.getMessage().startsWith("images.provider.onnx: " + key), e.getMessage());
    }
}
