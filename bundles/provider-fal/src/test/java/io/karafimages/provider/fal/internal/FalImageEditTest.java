package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testsupport.providers.FalSimulator;
import io.karafimages.testsupport.providers.FalSimulator.Script;
import io.karafimages.testsupport.providers.FalWire;
import okhttp3.HttpUrl;

/** Image-to-image and variations through the fal.ai adapter, against {@link FalSimulator} (no fal.ai service). */
class FalImageEditTest {
    private static final String KEY = "fal-sim-key";
    private static final String MODEL = "fal-ai/flux-2/klein/9b/base";
    private static final String EDIT_MODEL = "fal-ai/flux-2/klein/9b/edit";

    private FalSimulator sim;
    private FalImageProvider provider;

    @BeforeEach
    void start() throws IOException {
        sim = new FalSimulator(KEY, MODEL, EDIT_MODEL);
        provider = provider(Optional.of(EDIT_MODEL));
    }

    @AfterEach
    void stop() {
        provider.deactivate();
        sim.close();
    }

    private FalImageProvider provider(Optional<String> editModel) {
        return new FalImageProvider(new FalSettings(KEY, MODEL, editModel, HttpUrl.get(sim.baseUrl()),
                Duration.ofMillis(10), Duration.ofSeconds(20), 0.014, 0.022), Clock.systemUTC());
    }

    private static EditRequest.SourceImage png(int width, int height) {
        return EditRequest.SourceImage.of(FalWire.png(width, height), "image/png", width, height);
    }

    private GeneratedImage edit(EditRequest request) {
        return provider.edit(request, (f, m) -> { }, () -> false);
    }

    @ParameterizedTest
    @CsvSource({"0.0, 'Keep the composition and most details of the image, change only: make it winter'",
        "0.5, 'Keep its main subject and overall composition recognisable, details may change: make it winter'",
        "1.0, 'Use this image only as loose inspiration: make it winter'"})
    void imageToImageSendsTheSourceAsADataUriAtItsOwnSize(double strength, String wording) throws IOException {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, EDIT_MODEL, png(640, 480))
                .prompt("make it winter").strength(strength).build());

        FalSimulator.Submission sent = sim.submissions().get(0);
        assertEquals("/" + EDIT_MODEL, sent.path());
        assertEquals(List.of(new FalWire.InputImage("image/png", 640, 480)), sent.images(), "the source, intact");
        assertTrue(sent.prompt().endsWith(wording), sent.prompt());
        assertEquals(640, sent.imageSize().getAsJsonObject().get("width").getAsInt());
        assertEquals(480, sent.imageSize().getAsJsonObject().get("height").getAsInt());
        assertNull(sent.seed());
        assertEquals("png", sent.outputFormat());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(640, decoded.getWidth(), "output size = source size");
        assertEquals(480, decoded.getHeight());
        assertEquals(EDIT_MODEL, image.modelId());
        assertEquals("image/png", image.mediaType());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void variateSendsTheFixedInstructionAndTheSeed() throws IOException {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.VARIATE, EDIT_MODEL, png(300, 500))
                .seed(987_654_321_123L).build());

        FalSimulator.Submission sent = sim.submissions().get(0);
        assertEquals("/" + EDIT_MODEL, sent.path());
        assertEquals(FalEditInput.VARIATE, sent.prompt());
        assertEquals(987_654_321_123L, sent.seed());
        assertEquals(1, sent.imageUrls());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(300, decoded.getWidth());
        assertEquals(500, decoded.getHeight());
        assertEquals(EDIT_MODEL, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aSourceLargerThanTheEndpointTakesIsScaledWithItsShape() {
        edit(EditRequest.builder(ImageOperation.VARIATE, EDIT_MODEL, png(3000, 1500)).build());

        FalSimulator.Submission sent = sim.submissions().get(0);
        assertEquals(2048, sent.imageSize().getAsJsonObject().get("width").getAsInt());
        assertEquals(1024, sent.imageSize().getAsJsonObject().get("height").getAsInt());
        assertEquals(List.of(), sim.problems(), "the simulator rejects sides over " + FalWire.EDIT_MAX_SIDE);
    }

    @Test
    void theEditModelIsASecondDraftModelWithItsOwnPrice() {
        List<ModelInfo> models = provider.models();
        assertEquals(2, models.size());
        assertEquals(EnumSet.of(ImageOperation.GENERATE), EnumSet.copyOf(models.get(0).operations()));
        ModelInfo edit = models.get(1);
        assertEquals(EDIT_MODEL, edit.id());
        assertEquals(ModelTier.DRAFT, edit.tier());
        assertEquals(EnumSet.of(ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE), EnumSet.copyOf(edit.operations()));
        assertEquals("FLUX.2 [klein] 9B edit (fal.ai)", edit.displayName());
        assertEquals(22, edit.costPerImage().credits());
    }

    @Test
    void withoutAnEditModelNothingIsOfferedAndEditsAreRefused() {
        provider.deactivate();
        provider = provider(Optional.of(" "));
        assertEquals(1, provider.models().size());
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(ImageOperation.VARIATE,
                EDIT_MODEL, png(64, 64)).build()));
        assertEquals("operation_not_supported", e.code());
        assertEquals(List.of(), sim.submissions());
    }

    @Test
    void operationsOrModelsThatCannotEditAreRefusedWithoutACall() {
        ImagesException inpaint = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.INPAINT, EDIT_MODEL, png(64, 64)).maskPng(FalWire.png(64, 64)).prompt("x").build()));
        assertEquals("operation_not_supported", inpaint.code());
        ImagesException generationModel = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.VARIATE, MODEL, png(64, 64)).build()));
        assertEquals("operation_not_supported", generationModel.code());
        ImagesException noPrompt = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.IMAGE_TO_IMAGE, EDIT_MODEL, png(64, 64)).build()));
        assertEquals("prompt_required", noPrompt.code());
        assertEquals(List.of(), sim.submissions());
    }

    @Test
    void cancellingAnEditCancelsTheFalRequest() {
        sim.script(Script.STUCK_IN_PROGRESS);
        ImagesException e = assertThrows(ImagesException.class, () -> provider.edit(EditRequest.builder(
                ImageOperation.VARIATE, EDIT_MODEL, png(64, 64)).build(), (f, m) -> { }, () -> sim.statusPolls() >= 3));
        assertEquals("cancelled", e.code());
        assertFalse(e.retryable());
        assertEquals(1, sim.cancels(), "PUT cancel_url on the edit model's app, with the key");
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aContentPolicyRefusalAndARateLimitMapAsForGeneration() {
        EditRequest request = EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, EDIT_MODEL, png(64, 64))
                .prompt("something forbidden").strength(0.8).build();
        sim.script(Script.CONTENT_POLICY);
        ImagesException refused = assertThrows(ImagesException.class, () -> edit(request));
        assertEquals("provider_refused", refused.code());
        assertEquals("fal.ai refused the prompt under its content policy.", refused.getMessage());

        sim.script(Script.SUBMIT_RATE_LIMITED);
        ImagesException limited = assertThrows(ImagesException.class, () -> edit(request));
        assertEquals("provider_unavailable", limited.code());
        assertTrue(limited.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(9)), limited.retryAfter());
    }

    @Test
    void aSourceThatIsNoImageIsCaughtByTheSimulatorAndRefused() {
        byte[] notAnImage = "not an image at all".getBytes(StandardCharsets.UTF_8);
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(ImageOperation.VARIATE,
                EDIT_MODEL, EditRequest.SourceImage.of(notAnImage, "image/png", 64, 64)).build()));

        assertEquals("provider_refused", e.code());
        assertEquals(List.of("invalid input: image_urls"), sim.problems());
    }

    @ParameterizedTest
    @CsvSource({"640, 480, 640, 480", "2048, 2048, 2048, 2048", "4096, 3072, 2048, 1536", "1000, 4000, 512, 2048",
        "32, 32, 64, 64", "100, 30, 213, 64", "4096, 100, 2048, 64"})
    void theOutputSizeIsTheSourceSizeWithinTheEndpointsLimits(int width, int height, int outWidth, int outHeight) {
        int[] size = FalEditInput.outputSize(width, height);
        assertEquals(outWidth, size[0], width + "x" + height);
        assertEquals(outHeight, size[1], width + "x" + height);
    }
}
