package io.karafimages.provider.onnx.internal;

import io.karafimages.testsupport.onnx.TinyOnnxModels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What keeps the component from activating, and that the reason is readable in the log. */
class OnnxActivationTest {
    @TempDir
    Path dir;

    private Path tinyModel() throws IOException {
        return Files.write(dir.resolve("tiny.onnx"), TinyOnnxModels.brightness(3f, -1));
    }

    /** Activation as SCR does it: through the @Activate constructor with the configuration. */
    private static IllegalArgumentException refused(TestConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> new OnnxImageProvider(config));
    }

    @Test
    void theRightDigestInAnyCaseActivates() throws IOException {
        Path model = tinyModel();
        TestConfig config = TestConfig.of(model);
        config.sha256 = ModelFile.sha256Of(model).toUpperCase(Locale.ROOT);

        OnnxImageProvider provider = new OnnxImageProvider(config);
        provider.deactivate();
        assertEquals(64, ModelFile.sha256Of(model).length());
    }

    @Test
    void aWrongDigestRefusesToActivateAndNamesBothDigests() throws IOException {
        Path model = tinyModel();
        TestConfig config = TestConfig.of(model);
        config.sha256 = "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8";

        IllegalArgumentException e = refused(config);
        assertTrue(e.getMessage().startsWith("images.provider.onnx: "), e.getMessage());
        assertTrue(e.getMessage().contains(config.sha256), e.getMessage());
        assertTrue(e.getMessage().contains(ModelFile.sha256Of(model)), e.getMessage());
        assertTrue(e.getMessage().contains("refusing to load it"), e.getMessage());
    }

    @Test
    void aMissingFileRefusesWithItsPath() {
        Path missing = dir.resolve("u2netp.onnx");
        IllegalArgumentException e = refused(TestConfig.of(missing));
        assertEquals("images.provider.onnx: the model file " + missing + " (model.path) does not exist",
                e.getMessage());
    }

    @Test
    void aDirectoryIsNotAModelFile() {
        IllegalArgumentException e = refused(TestConfig.of(dir));
        assertTrue(e.getMessage().contains("is not a readable file"), e.getMessage());
    }

    @Test
    void anEmptyPlaceholderOrRelativePathIsRefused() {
        assertTrue(refused(new TestConfig()).getMessage().contains("model.path is empty"));
        assertTrue(refused(TestConfig.of(Path.of("$[env:MODEL]"))).getMessage().contains("unresolved placeholder"));
        assertTrue(refused(TestConfig.of(Path.of("models/u2netp.onnx"))).getMessage().contains("not an absolute"));
    }

    @Test
    void aFileThatIsNoOnnxModelIsRefusedByOnnxRuntime() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "<html>404 Not Found</html>",
                StandardCharsets.US_ASCII);
        IllegalArgumentException e = refused(TestConfig.of(junk));
        assertTrue(e.getMessage().contains("ONNX Runtime cannot load the model file " + junk), e.getMessage());
    }

    @Test
    void aFixedInputSizeMustMatchInputSize() throws IOException {
        Path fixed = Files.write(dir.resolve("fixed.onnx"), TinyOnnxModels.brightness(3f, 320));
        IllegalArgumentException e = refused(TestConfig.of(fixed).inputSize(512));
        assertTrue(e.getMessage().contains("fixed at 320x320 pixels but input.size is 512; set input.size to 320"),
                e.getMessage());

        new OnnxImageProvider(TestConfig.of(fixed).inputSize(320)).deactivate();
    }

    @Test
    void aModelThatDoesNotTakeThreeChannelsIsRefused() throws IOException {
        Path gray = Files.write(dir.resolve("gray.onnx"), TinyOnnxModels.brightness(3f, -1, 1));
        IllegalArgumentException e = refused(TestConfig.of(gray));
        assertTrue(e.getMessage().contains("a salient-object model takes float 1x3xHxW"), e.getMessage());
    }
}
