package io.karafimages.provider.google.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testsupport.providers.GeminiSimulator;
import io.karafimages.testsupport.providers.GeminiSimulator.Answer;

/** The Gemini adapter against {@link GeminiSimulator}, a protocol simulator (no Google service is reached). */
class GeminiImageProviderTest {
    private static final String KEY = "sim-key-123";
    private static final String MODEL = "gemini-3-pro-image-preview";

    private GeminiSimulator sim;
    private GeminiImageProvider provider;
    private final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        sim = new GeminiSimulator(KEY, MODEL);
        provider = provider(KEY, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        provider.deactivate();
        sim.close();
    }

    private GeminiImageProvider provider(String key, Duration timeout) {
        return new GeminiImageProvider(new GeminiSettings(key, MODEL, "1K", timeout, Optional.of(sim.baseUrl()), 0.134),
                Clock.systemUTC());
    }

    private GeneratedImage generate(AspectRatio ratio) {
        return provider.generate(ImageRequest.builder("google/" + MODEL, "a lighthouse at dawn").aspectRatio(ratio).references(List.of()).build(),
                (f, m) -> fractions.add(f), () -> false);
    }

    @ParameterizedTest
    @EnumSource(value = AspectRatio.class, names = {"SQUARE", "LANDSCAPE_16_9", "PORTRAIT_9_16"})
    void sendsTheRatioAndReturnsAnImageOfThatShape(AspectRatio ratio) throws IOException {
        GeneratedImage image = generate(ratio);

        GeminiSimulator.Seen seen = sim.requests().get(0);
        assertEquals(ratio.wireName(), seen.aspectRatio());
        assertEquals("1K", seen.imageSize());
        assertTrue(seen.modalities().contains("IMAGE"), seen.modalities().toString());
        assertEquals("a lighthouse at dawn", seen.prompt());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        double shape = (double) decoded.getWidth() / decoded.getHeight();
        assertEquals(ratio.ratio(), shape, ratio.ratio() * 0.02, decoded.getWidth() + "x" + decoded.getHeight());
        assertEquals("image/png", image.mediaType());
        assertEquals("google/" + MODEL, image.modelId());
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void thoughtPartsAreSkipped() throws IOException {
        GeneratedImage image = generate(AspectRatio.SQUARE); // the answer holds thought text and a thought image first

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.data()));
        assertEquals(1024, decoded.getWidth(), "the final image, not the 512 px thought image");
        assertEquals("image/png", image.mediaType(), "the thought image is a JPEG");
    }

    @Test
    void referenceImagesTravelAsInlineParts() {
        byte[] ref = GeminiSimulator.image(64, 64, "png");
        provider.generate(ImageRequest.builder(null, "make it blue").aspectRatio(AspectRatio.LANDSCAPE_4_3).references(List.of(ImageRequest.ReferenceImage.of(ref, "image/png"), ImageRequest.ReferenceImage.of(ref, "image/png"))).build(), (f, m) -> { }, () -> false);

        assertEquals(2, sim.requests().get(0).inlineImages());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void modelInfoIsTheQualityTierAtTheConfiguredPrice() {
        assertEquals("google", provider.id());
        assertEquals("google/" + MODEL, provider.models().get(0).id());
        assertEquals(ModelTier.QUALITY, provider.models().get(0).tier());
        assertEquals(134, provider.models().get(0).costPerImage().credits());
    }

    @Test
    void aBlockedPromptIsARefusal() {
        sim.answerNext(Answer.PROMPT_BLOCKED);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertRefused(e);
        assertTrue(e.getMessage().contains("PROHIBITED_CONTENT"), e.getMessage());
    }

    @Test
    void anImageStoppedForSafetyIsARefusal() {
        sim.answerNext(Answer.IMAGE_SAFETY);
        assertRefused(assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE)));
    }

    @Test
    void anAnswerWithoutAnImageIsARefusal() {
        sim.answerNext(Answer.TEXT_ONLY);
        assertRefused(assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE)));
    }

    @Test
    void rateLimitIsRetryableWithTheRetryAfterHeader() {
        sim.answerNext(Answer.RATE_LIMITED);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertEquals(1, sim.requests().size(), "the SDK must not retry on its own: the task engine does");
    }

    @Test
    void rateLimitWithoutHeaderUsesGooglesRetryInfo() {
        sim.answerNext(Answer.RATE_LIMITED_BODY_ONLY);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofMillis(12_500)), e.retryAfter());
    }

    @Test
    void serverErrorIsRetryableWithTheRetryAfterHeader() {
        sim.answerNext(Answer.SERVER_ERROR);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
        assertEquals(1, sim.requests().size());
    }

    @Test
    void aSlowAnswerTimesOutAsUnavailable() {
        provider.deactivate();
        provider = provider(KEY, Duration.ofSeconds(1));
        sim.answerNext(Answer.SLOW);
        long started = System.nanoTime();
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertUnavailable(e);
        assertTrue(e.getMessage().contains("1 seconds"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "gave up near the timeout");
    }

    @Test
    void cancellingAbortsTheCallPromptly() {
        sim.answerNext(Answer.SLOW);
        long started = System.nanoTime();
        ImagesException e = assertThrows(ImagesException.class, () -> provider.generate(
                ImageRequest.builder(null, "slow").aspectRatio(AspectRatio.SQUARE).references(List.of()).build(), (f, m) -> { },
                sim::slowRequestArrived));
        assertEquals("cancelled", e.code());
        assertFalse(e.retryable());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos());
    }

    /** Security review L2: a failing progress write while Gemini draws must abort the HTTP call, not leave it. */
    @Test
    void anyFailureWhileWaitingCancelsTheCall() {
        sim.answerNext(Answer.SLOW);
        long started = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.generate(
                ImageRequest.builder(null, "slow").aspectRatio(AspectRatio.SQUARE).references(List.of()).build(),
                (f, m) -> {
                    if (sim.slowRequestArrived()) {
                        throw new IllegalStateException("store_unavailable while writing progress");
                    }
                }, () -> false));
        assertTrue(e.getMessage().contains("store_unavailable"));
        assertEquals(1, provider.tracker().cancels(), "the HTTP call was cancelled");
        assertEquals(0, provider.tracker().openCalls());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "without waiting for the answer");
    }

    @Test
    void undecodableImageBytesAreBadOutput() {
        sim.answerNext(Answer.GARBAGE_IMAGE);
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertEquals("provider_bad_output", e.code());
        assertTrue(e.retryable());
    }

    @Test
    void aRejectedKeyIsAnOperatorProblemNotARetry() {
        provider.deactivate();
        provider = provider("wrong-key", Duration.ofSeconds(5));
        ImagesException e = assertThrows(ImagesException.class, () -> generate(AspectRatio.SQUARE));
        assertEquals("provider_unavailable", e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("wrong-key"), "never echo the key");
        assertEquals(List.of("x-goog-api-key was wrong"), sim.problems(), "the simulator checks the key");
    }

    private static void assertRefused(ImagesException e) {
        assertEquals("provider_refused", e.code());
        assertEquals(422, e.httpStatus());
        assertFalse(e.retryable());
        assertOneSentence(e.getMessage());
    }

    private static void assertUnavailable(ImagesException e) {
        assertEquals("provider_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable());
        assertOneSentence(e.getMessage());
    }

    private static void assertOneSentence(String message) {
        assertNotNull(message);
        assertTrue(message.endsWith("."), message);
        assertFalse(message.contains("\n") || message.contains("Exception"), message);
    }
}
