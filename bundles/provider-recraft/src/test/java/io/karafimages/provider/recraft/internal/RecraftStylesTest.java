package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ImageRequest.ReferenceImage;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;
import io.karafimages.testsupport.providers.RecraftSimulator;
import io.karafimages.testsupport.providers.RecraftSimulator.Answer;
import io.karafimages.testsupport.providers.RecraftSimulator.StyleCall;
import io.karafimages.testsupport.providers.RecraftSimulator.Upload;

/** Creating Recraft styles and generating in them, against the simulator: what is sent, and what comes back. */
class RecraftStylesTest extends RecraftSimulatorFixture {
    private static final String STYLES = RecraftImageProvider.MODEL_STYLES;

    @Test
    void createStyleSendsFreshPngsWithTheDefaultBaseStyleAndReturnsRecraftsId() {
        byte[] jpeg = TestImages.encode(TestImages.decode(TestImages.png(400, 300)), "jpeg");
        ProviderStyle style = create(StyleRequest.of(STYLES, List.of(ReferenceImage.of(TestImages.png(300, 300),
                "image/png"), ReferenceImage.of(jpeg, "image/jpeg")), null), () -> false);

        assertEquals(List.of(style.reference()), sim.issuedStyleIds());
        assertEquals(STYLES, style.modelId());
        StyleCall call = sim.styleCalls().get(0);
        assertEquals(Map.of("style", "digital_illustration"), call.fields());
        assertEquals(List.of("png:300x300:image/png", "png:400x300:image/png"), call.images().stream()
                .map(u -> u.format() + ":" + u.width() + "x" + u.height() + ":" + u.contentType()).toList());
        assertTrue(TestImages.near(TestImages.decode(call.images().get(1).data()).getRGB(200, 150), TestImages.SOURCE,
                6), "the JPEG's pixels, now in a PNG");
        assertEquals(1, sim.calls("styles"));
        assertEquals(List.of(), sim.problems());
        assertGrowingToOne();
    }

    @Test
    void theBaseStyleIsPassedWhenRasterAndRefusedBeforeAnyCallOtherwise() {
        create(StyleRequest.of(STYLES, List.of(reference()), " Realistic_Image "), () -> false);
        assertEquals("realistic_image", sim.styleCalls().get(0).fields().get("style"));
        for (String base : new String[] {"vector_illustration", "icon", "anime<script>"}) {
            ImagesException e = assertThrows(ImagesException.class, () -> create(StyleRequest.of(STYLES,
                    List.of(reference()), base), () -> false));
            assertEquals("invalid_base_style", e.code());
            assertEquals(400, e.httpStatus());
            assertFalse(e.getMessage().contains("<"), e.getMessage());
        }
        assertEquals(1, sim.totalCalls());
    }

    @Test
    void largeReferencesAreScaledTo2048PxAndShrunkTogetherUnderTenMegabytes() {
        // noise does not compress: 2048x1365 and 1100x1500 px of it make about 13.5 MB of PNG
        List<ReferenceImage> noisy = List.of(ReferenceImage.of(TestImages.noisePng(2400, 1600), "image/png"),
                ReferenceImage.of(TestImages.noisePng(1100, 1500), "image/png"));
        create(StyleRequest.of(STYLES, noisy, null), () -> false);

        List<Upload> sent = sim.styleCalls().get(0).images();
        assertEquals(2, sent.size());
        assertTrue(sent.stream().mapToLong(u -> u.data().length).sum() < 10_000_000L, "under 10 MB together");
        for (Upload u : sent) {
            assertTrue(Math.max(u.width(), u.height()) <= RecraftReferences.MAX_SIDE, u.width() + "x" + u.height());
            assertTrue(Math.min(u.width(), u.height()) >= 256, u.width() + "x" + u.height());
        }
        assertEquals(1.5, (double) sent.get(0).width() / sent.get(0).height(), 0.01, "the aspect ratio is kept");
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void unreadableOrTooSmallReferencesAreRefusedBeforeAnyCall() {
        ImagesException unreadable = assertThrows(ImagesException.class, () -> create(StyleRequest.of(STYLES,
                List.of(reference(), ReferenceImage.of("<html/>".getBytes(StandardCharsets.UTF_8), "image/png")),
                null), () -> false));
        assertEquals("unsupported_image", unreadable.code());
        assertTrue(unreadable.getMessage().startsWith("Reference image 2 "), unreadable.getMessage());
        ImagesException small = assertThrows(ImagesException.class, () -> create(StyleRequest.of(STYLES,
                List.of(ReferenceImage.of(TestImages.png(200, 300), "image/png")), null), () -> false));
        assertEquals("image_too_small", small.code());
        assertEquals(400, small.httpStatus());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void aStyledGenerateSendsV3TheStyleIdAndTheSizeAndReturnsTheImage() {
        String id = create(StyleRequest.of(STYLES, List.of(reference()), null), () -> false).reference();
        fractions.clear();
        GeneratedImage image = generate(ImageRequest.builder(STYLES, "  a lighthouse at dawn ")
                .aspectRatio(AspectRatio.LANDSCAPE_16_9).style(id).build(), () -> false);

        assertEquals(Map.of("prompt", "a lighthouse at dawn", "model", "recraftv3", "style_id", id, "size",
                "1820x1024", "n", "1", "response_format", "b64_json", "image_format", "png"),
                sim.generationCalls().get(0).fields());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(1820, result.getWidth());
        assertEquals(1024, result.getHeight());
        assertTrue(TestImages.near(result.getRGB(900, 500), RecraftSimulator.styleColour(id), 0));
        assertEquals("image/png", image.mediaType());
        assertEquals(STYLES, image.modelId());
        assertEquals(List.of(), sim.problems());
        assertGrowingToOne();
    }

    @ParameterizedTest
    @CsvSource({"SQUARE, 1024x1024", "LANDSCAPE_16_9, 1820x1024", "PORTRAIT_9_16, 1024x1820",
        "LANDSCAPE_4_3, 1365x1024", "PORTRAIT_3_4, 1024x1365", "LANDSCAPE_3_2, 1536x1024", "PORTRAIT_2_3, 1024x1536",
        "ULTRAWIDE_21_9, 2048x1024"})
    void aspectRatiosMapToRecraftV3Sizes(AspectRatio ratio, String size) {
        assertEquals(size, RecraftStyles.size(ratio));
    }

    @Test
    void promptsOfAtMostAThousandBytesAreSentLongerOnesRefusedBeforeAnyCall() {
        String id = create(StyleRequest.of(STYLES, List.of(reference()), null), () -> false).reference();
        generate(ImageRequest.builder(STYLES, "x".repeat(1000)).style(id).build(), () -> false);
        for (String prompt : new String[] {"x".repeat(1001), "é".repeat(501)}) {
            ImagesException e = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(STYLES,
                    prompt).style(id).build(), () -> false));
            assertEquals("prompt_too_long", e.code());
            assertEquals(400, e.httpStatus());
        }
        ImagesException blank = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(STYLES,
                " ").style(id).build(), () -> false));
        assertEquals("prompt_required", blank.code());
        assertEquals(1, sim.calls("generations"));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aStyleRecraftDoesNotKnowForThisAccountIsRefusedByRecraft() {
        sim.acceptToken("other-account-token");
        reconfigure("other-account-token", Duration.ofSeconds(30));
        String theirs = create(StyleRequest.of(STYLES, List.of(reference()), null), () -> false).reference();
        reconfigure(TOKEN, Duration.ofSeconds(30));
        for (String id : new String[] {UUID.randomUUID().toString(), theirs}) {
            ImagesException e = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(STYLES,
                    "a fox").style(id).build(), () -> false));
            assertEquals("provider_refused", e.code());
            assertEquals(422, e.httpStatus());
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("is not a style of this account"), e.getMessage());
        }
        assertEquals(List.of(theirs), sim.issuedStyleIds("other-account-token"));
        assertEquals(List.of(), sim.issuedStyleIds());
        assertEquals(2, sim.calls("generations"));
        assertEquals(List.of(), sim.generationCalls(), "neither was a valid call");
    }

    @Test
    void wrongModelsAndReferencesAreRefusedBeforeAnyCall() {
        String v3 = RecraftImageProvider.MODEL_V3;
        ImagesException createOnV3 = assertThrows(ImagesException.class, () -> create(StyleRequest.of(v3,
                List.of(reference()), null), () -> false));
        assertEquals("operation_not_supported", createOnV3.code());
        ImagesException styledOnV3 = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(v3,
                "a fox").style("some-style").build(), () -> false));
        assertEquals("operation_not_supported", styledOnV3.code());
        ImagesException withReferences = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(
                STYLES, "a fox").style("some-style").references(List.of(reference())).build(), () -> false));
        assertEquals("references_not_supported", withReferences.code());
        assertEquals(0, sim.totalCalls());
    }

    @ParameterizedTest
    @CsvSource({"RATE_LIMITED, provider_unavailable, true", "SERVER_ERROR, provider_unavailable, true",
        "NOT_ENOUGH_CREDITS, provider_unavailable, false", "CONTENT_REFUSED, provider_refused, false",
        "BAD_REQUEST, provider_refused, false", "NO_IMAGE, provider_bad_output, true",
        "GARBAGE_IMAGE, provider_bad_output, true"})
    void failuresOfBothCallsAreMappedLikeTheEdits(Answer answer, String code, boolean retryable) {
        sim.answerOnce(answer);
        ImagesException create = assertThrows(ImagesException.class, () -> create(StyleRequest.of(STYLES,
                List.of(reference()), null), () -> false));
        assertEquals(code, create.code(), create.getMessage());
        assertEquals(retryable, create.retryable());
        assertEquals(List.of(), sim.issuedStyleIds(), "no style was made");

        String id = create(StyleRequest.of(STYLES, List.of(reference()), null), () -> false).reference();
        sim.answerOnce(answer);
        ImagesException generate = assertThrows(ImagesException.class, () -> generate(ImageRequest.builder(STYLES,
                "a fox").style(id).build(), () -> false));
        assertEquals(code, generate.code(), generate.getMessage());
        assertEquals(retryable, generate.retryable());
        assertFalse(generate.getMessage().contains(TOKEN));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void cancellingWhileRecraftLearnsTheStyleCancelsTheCall() {
        sim.answerNext(Answer.SLOW);
        assertThrows(TaskCancelledException.class, () -> create(StyleRequest.of(STYLES, List.of(reference()), null),
                sim::slowRequestArrived));
        assertEquals(1, sim.calls("styles"));
        assertThrows(TaskCancelledException.class, () -> generate(ImageRequest.builder(STYLES, "a fox")
                .style("some-style").build(), () -> true));
        assertEquals(0, sim.calls("generations"), "a task cancelled beforehand sends nothing");
    }

    private ProviderStyle create(StyleRequest request, BooleanSupplier cancelled) {
        return provider.createStyle(request, (fraction, message) -> fractions.add(fraction), cancelled);
    }

    private GeneratedImage generate(ImageRequest request, BooleanSupplier cancelled) {
        return provider.generate(request, (fraction, message) -> fractions.add(fraction), cancelled);
    }

    private static ReferenceImage reference() {
        return ReferenceImage.of(TestImages.png(320, 256), "image/png");
    }

    private void assertGrowingToOne() {
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }
}
