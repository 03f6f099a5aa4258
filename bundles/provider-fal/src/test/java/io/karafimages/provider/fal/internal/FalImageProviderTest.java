package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testsupport.providers.FalSimulator;
import io.karafimages.testsupport.providers.FalSimulator.Script;
import io.karafimages.testsupport.providers.FalWire;
import okhttp3.HttpUrl;

/** The fal.ai adapter against {@link FalSimulator}, a queue-protocol simulator (no fal.ai service is reached). */
class FalImageProviderTest {
    private static final String KEY = "fal-sim-key";
    private static final String MODEL = "fal-ai/flux-2/klein/9b/base";
    private static final String EDIT_MODEL = "fal-ai/flux-2/klein/9b/edit";

    private FalSimulator sim;
    private FalImageProvider provider;
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        sim = new FalSimulator(KEY, MODEL);
        provider = provider(KEY, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        provider.deactivate();
        sim.close();
    }

    private FalImageProvider provider(String key, Duration timeout) {
        return new FalImageProvider(new FalSettings(key, MODEL, Optional.of(EDIT_MODEL), HttpUrl.get(sim.baseUrl()),
                Duration.ofMillis(10), timeout, 0.014, 0.022), Clock.systemUTC());
    }

    private GeneratedImage generate(AspectRatio ratio, BooleanSupplier cancelled) {
        return provider.generate(ImageRequest.builder(MODEL, "a red fox in snow").aspectRatio(ratio).references(List.of()).build(), (f, m) -> {
            fractions.add(f);
            messages.add(m);
        }, cancelled);
    }

    @ParameterizedTest
    @CsvSource({"SQUARE, square_hd, 1024, 1024", "LANDSCAPE_16_9, landscape_16_9, 1024, 576",
        "PORTRAIT_9_16, portrait_16_9, 576, 1024"})
    void sendsTheSizePresetAndReturnsAnImageOfThatShape(AspectRatio ratio, String preset, int width, int height)
            throws IOException {
        GeneratedImage image = generate(ratio, () -> false);

        FalSimulator.Submission sent = sim.submissions().get(0);
        assertEquals("/" + MODEL, sent.path());
        assertEquals(preset, sent.imageSize().getAsString());
        assertEquals("png", sent.outputFormat());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertEquals(ratio.ratio(), (double) decoded.getWidth() / decoded.getHeight(), 1e-9);
        assertEquals("image/png", image.mediaType());
        assertEquals(MODEL, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @ParameterizedTest
    @CsvSource({"LANDSCAPE_3_2, 1248, 832", "PORTRAIT_2_3, 832, 1248", "ULTRAWIDE_21_9, 1568, 672"})
    void ratiosWithoutPresetGetAnExactCustomSize(AspectRatio ratio, int width, int height) throws IOException {
        GeneratedImage image = generate(ratio, () -> false);

        assertEquals(width, sim.submissions().get(0).imageSize().getAsJsonObject().get("width").getAsInt());
        assertEquals(height, sim.submissions().get(0).imageSize().getAsJsonObject().get("height").getAsInt());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(ratio.ratio(), (double) decoded.getWidth() / decoded.getHeight(), 1e-9);
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void queuePositionAndLogsBecomeGrowingProgress() {
        generate(AspectRatio.SQUARE, () -> false);

        assertTrue(messages.contains("Waiting in the fal.ai queue, 1 ahead"), messages.toString());
        assertTrue(messages.contains("fal.ai: Sampling 7/28"), messages.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(sim.statusPolls() >= 5);
    }

    @Test
    void referenceImagesGoToTheEditEndpointAsDataUris() {
        byte[] ref = FalWire.png(32, 32);
        provider.generate(ImageRequest.builder(MODEL, "make it night").aspectRatio(AspectRatio.SQUARE).references(List.of(
                ImageRequest.ReferenceImage.of(ref, "image/png"))).build(), (f, m) -> { }, () -> false);

        assertEquals("/" + MODEL + "/edit", sim.submissions().get(0).path());
        assertEquals(1, sim.submissions().get(0).imageUrls());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void modelInfoIsTheDraftTierAtTheConfiguredPrice() {
        assertEquals("fal", provider.id());
        assertEquals(MODEL, provider.models().get(0).id());
        assertEquals(ModelTier.DRAFT, provider.models().get(0).tier());
        assertEquals(14, provider.models().get(0).costPerImage().credits());
    }

    @Test
    void cancellingATaskCancelsTheFalRequest() {
        sim.script(Script.STUCK_IN_PROGRESS);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE,
                () -> sim.statusPolls() >= 3));
        assertEquals("cancelled", e.code());
        assertEquals(409, e.httpStatus());
        assertFalse(e.retryable());
        assertEquals(1, sim.cancels(), "PUT cancel_url, with the key");
        assertEquals(List.of(), sim.problems());
    }

    /** Security review L2: a failing progress write (a database blip) must not leave the fal job running. */
    @Test
    void anyFailureWhileWaitingCancelsTheFalRequest() {
        sim.script(Script.STUCK_IN_PROGRESS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.generate(
                ImageRequest.builder(MODEL, "a red fox in snow").aspectRatio(AspectRatio.SQUARE).references(List.of())
                        .build(), (f, m) -> {
                    if (sim.statusPolls() >= 2) {
                        throw new IllegalStateException("store_unavailable while writing progress");
                    }
                }, () -> false));
        assertTrue(e.getMessage().contains("store_unavailable"));
        assertEquals(1, sim.cancels(), "the job is cancelled, not left running and billing");
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aRequestPastTheTimeoutIsCancelledAndUnavailable() {
        provider.deactivate();
        provider = provider(KEY, Duration.ofSeconds(1));
        sim.script(Script.STUCK_IN_PROGRESS);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertUnavailable(e);
        assertTrue(e.getMessage().contains("1 seconds"), e.getMessage());
        assertEquals(1, sim.cancels(), "an abandoned request is cancelled so it stops costing money");
    }

    @Test
    void aRejectedRequestIsARefusalThatSaysWhy() {
        sim.script(Script.SUBMIT_REJECTED);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertRefused(e);
        assertEquals("fal.ai rejected the request: Prompt is too long for this model.", e.getMessage());
    }

    @Test
    void aContentPolicyViolationIsARefusal() {
        sim.script(Script.CONTENT_POLICY);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertRefused(e);
        assertEquals("fal.ai refused the prompt under its content policy.", e.getMessage());
    }

    @Test
    void anNsfwFlaggedImageIsARefusal() {
        sim.script(Script.NSFW);
        assertRefused(assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false)));
    }

    @Test
    void rateLimitIsRetryableWithTheRetryAfterHeader() {
        sim.script(Script.SUBMIT_RATE_LIMITED);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(9)), e.retryAfter());
    }

    @Test
    void serverErrorIsRetryableWithTheRetryAfterHeader() {
        sim.script(Script.SUBMIT_SERVER_ERROR);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(4)), e.retryAfter());
    }

    @Test
    void aRejectedKeyIsAnOperatorProblemNotARetry() {
        provider.deactivate();
        provider = provider("not-the-key", Duration.ofSeconds(5));
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertEquals("provider_unavailable", e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("not-the-key"));
        assertEquals(List.of("Authorization on POST /" + MODEL + " was wrong"), sim.problems());
    }

    @Test
    void undecodableImageBytesAreBadOutput() {
        sim.script(Script.GARBAGE_IMAGE);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertEquals("provider_bad_output", e.code());
        assertTrue(e.retryable());
    }

    @Test
    void anUnreachableServiceIsRetryable() {
        sim.close(); // nothing listens any more
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE, () -> false));
        assertUnavailable(e);
    }

    private static void assertRefused(ImagesException e) {
        assertEquals("provider_refused", e.code());
        assertEquals(422, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
    }

    private static void assertUnavailable(ImagesException e) {
        assertEquals("provider_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
    }
}
