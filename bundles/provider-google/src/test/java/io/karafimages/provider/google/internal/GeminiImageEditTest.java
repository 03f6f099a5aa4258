package io.karafimages.provider.google.internal;

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
import io.karafimages.testsupport.providers.GeminiSimulator;
import io.karafimages.testsupport.providers.GeminiSimulator.Answer;

/** Image-to-image and variations through the Gemini adapter, against {@link GeminiSimulator} (no Google service). */
class GeminiImageEditTest {
    private static final String KEY = "sim-key-123";
    private static final String MODEL = "gemini-3-pro-image-preview";
    private static final String MODEL_ID = "google/" + MODEL;

    private GeminiSimulator sim;
    private GeminiImageProvider provider;

    @BeforeEach
    void start() throws IOException {
        sim = new GeminiSimulator(KEY, MODEL);
        provider = new GeminiImageProvider(new GeminiSettings(KEY, MODEL, "1K", Duration.ofSeconds(20),
                Optional.of(sim.baseUrl()), 0.134), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        provider.deactivate();
        sim.close();
    }

    private static EditRequest.SourceImage png(int width, int height) {
        return EditRequest.SourceImage.of(GeminiSimulator.image(width, height, "png"), "image/png", width, height);
    }

    private GeneratedImage edit(EditRequest request) {
        return provider.edit(request, (f, m) -> { }, () -> false);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 'Keep the composition and most details of the image, change only: paint the door red'",
        "0.5, 'Keep its main subject and overall composition recognisable, details may change: paint the door red'",
        "0.9, 'Use the attached image only as loose inspiration: paint the door red'"})
    void imageToImageSendsTheSourceInlineAndWordsTheStrength(double strength, String wording) throws IOException {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, MODEL_ID, png(640, 480))
                .prompt("paint the door red").strength(strength).build());

        GeminiSimulator.Seen seen = sim.requests().get(0);
        assertEquals(List.of(new GeminiSimulator.Inline("image/png", 640, 480)), seen.images(), "the source, intact");
        assertTrue(seen.prompt().endsWith(wording), seen.prompt());
        assertEquals("4:3", seen.aspectRatio(), "the accepted ratio nearest to 640x480");
        assertEquals("1K", seen.imageSize());
        assertTrue(seen.modalities().contains("IMAGE"));
        assertNull(seen.seed());
        assertEquals(MODEL_ID, image.modelId());
        assertEquals("image/png", image.mediaType());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(1200, decoded.getWidth(), "Gemini's 1K size for 4:3");
        assertEquals(896, decoded.getHeight());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void withoutAStrengthTheMiddleWordingIsUsed() {
        edit(EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, MODEL_ID, png(64, 64)).prompt("add snow").build());

        assertTrue(sim.requests().get(0).prompt().startsWith("Rework the attached image."), sim.requests().get(0).prompt());
        assertEquals("1:1", sim.requests().get(0).aspectRatio());
    }

    @Test
    void variateSendsTheFixedInstructionAndTheSeed() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.VARIATE, MODEL_ID, png(480, 854))
                .seed(1234L).build());

        GeminiSimulator.Seen seen = sim.requests().get(0);
        assertEquals(GeminiEditPrompt.VARIATE, seen.prompt());
        assertEquals(1, seen.inlineImages());
        assertEquals(1234L, seen.seed(), "generationConfig.seed");
        assertEquals("9:16", seen.aspectRatio());
        assertEquals(MODEL_ID, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aSeedBeyondInt32IsFoldedNotRejected() {
        edit(EditRequest.builder(ImageOperation.VARIATE, MODEL_ID, png(64, 64)).seed(1L << 40 | 7).build());
        edit(EditRequest.builder(ImageOperation.VARIATE, MODEL_ID, png(64, 64)).seed(1L << 40 | 7).build());

        assertEquals(List.of(), sim.problems(), "the simulator rejects seeds that are not int32");
        assertEquals(sim.requests().get(0).seed(), sim.requests().get(1).seed(), "one seed, one request");
        assertEquals((1L << 8) | 7, sim.requests().get(0).seed());
    }

    @Test
    void aJpegSourceTravelsAsJpeg() {
        byte[] jpeg = GeminiSimulator.image(300, 200, "jpeg");
        edit(EditRequest.builder(ImageOperation.VARIATE, MODEL_ID, EditRequest.SourceImage.of(jpeg, "image/jpeg",
                300, 200)).build());

        assertEquals(List.of(new GeminiSimulator.Inline("image/jpeg", 300, 200)), sim.requests().get(0).images());
        assertEquals("3:2", sim.requests().get(0).aspectRatio());
        assertNull(sim.requests().get(0).seed());
    }

    @Test
    void theModelAdvertisesItsEditsWithAReadableName() {
        ModelInfo model = provider.models().get(0);
        assertEquals(1, provider.models().size(), "one model does both");
        assertEquals(EnumSet.of(ImageOperation.GENERATE, ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE),
                EnumSet.copyOf(model.operations()));
        assertEquals("Google Gemini 3 Pro Image", model.displayName());
        assertEquals(134, model.costPerImage().credits(), "an edit costs what a generation costs");
    }

    @Test
    void operationsGeminiCannotDoAreRefusedWithoutACall() {
        byte[] mask = GeminiSimulator.image(64, 64, "png");
        ImagesException inpaint = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.INPAINT, MODEL_ID, png(64, 64)).maskPng(mask).prompt("a cat").build()));
        assertEquals("operation_not_supported", inpaint.code());
        ImagesException otherModel = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.VARIATE, "recraft/recraftv3", png(64, 64)).build()));
        assertEquals("operation_not_supported", otherModel.code());
        assertEquals(List.of(), sim.requests());
    }

    @Test
    void imageToImageWithoutAPromptIsTheCallersMistake() {
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.IMAGE_TO_IMAGE, MODEL_ID, png(64, 64)).prompt("  ").build()));
        assertEquals("prompt_required", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(List.of(), sim.requests());
    }

    @Test
    void cancellingAnEditAbortsTheCallPromptly() {
        sim.answerNext(Answer.SLOW);
        long started = System.nanoTime();
        ImagesException e = assertThrows(ImagesException.class, () -> provider.edit(EditRequest.builder(
                ImageOperation.VARIATE, MODEL_ID, png(64, 64)).build(), (f, m) -> { }, sim::slowRequestArrived));
        assertEquals("cancelled", e.code());
        assertFalse(e.retryable());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos());
    }

    @Test
    void aBlockedEditIsARefusalAndARateLimitIsRetryable() {
        EditRequest request = EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, MODEL_ID, png(64, 64))
                .prompt("something forbidden").strength(0.2).build();
        sim.answerOnce(Answer.PROMPT_BLOCKED, Answer.RATE_LIMITED);

        ImagesException refused = assertThrows(ImagesException.class, () -> edit(request));
        assertEquals("provider_refused", refused.code());
        assertFalse(refused.retryable());
        ImagesException limited = assertThrows(ImagesException.class, () -> edit(request));
        assertEquals("provider_unavailable", limited.code());
        assertTrue(limited.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), limited.retryAfter());
    }

    @Test
    void aSourceThatIsNoImageIsCaughtByTheSimulatorAndRefused() {
        byte[] notAnImage = "definitely not a png".getBytes(StandardCharsets.UTF_8);
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.VARIATE, MODEL_ID, EditRequest.SourceImage.of(notAnImage, "image/png", 64, 64)).build()));

        assertEquals("provider_refused", e.code(), "Gemini's 400 for an unreadable input image");
        assertEquals(1, sim.problems().size(), sim.problems().toString());
        assertTrue(sim.problems().get(0).startsWith("Unable to process input image"), sim.problems().toString());
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000, 1:1", "1920, 1080, 16:9", "1080, 1920, 9:16", "800, 1000, 4:5", "3000, 1000, 21:9",
        "1000, 5000, 9:16", "1500, 1000, 3:2"})
    void theSourceShapeMapsToTheNearestAcceptedRatio(int width, int height, String ratio) {
        assertEquals(ratio, GeminiEditPrompt.aspectRatio(width, height));
    }
}
