package io.karafimages.provider.recraft.internal;

import static io.karafimages.provider.recraft.internal.TestImages.SOURCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.testsupport.providers.RecraftSimulator.Answer;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;
import io.karafimages.testsupport.providers.RecraftTracing;

/**
 * Vectorize against the simulator, which traces the input into one rect per block of average colour: what is
 * sent, the SVG that comes back (checked, never changed), and how failures map.
 */
class RecraftVectorizeTest extends RecraftSimulatorFixture {
    private static final String MODEL = RecraftImageProvider.MODEL_VECTORIZE;

    private GeneratedImage vectorize(SourceImage source) {
        return edit(EditRequest.builder(ImageOperation.VECTORIZE, MODEL, source).prompt("ignored").seed(5L).build());
    }

    @Test
    void sendsOnlyTheImageAndReturnsTheSvgAsRecraftDrewIt() {
        SourceImage source = SourceImage.of(TestImages.subjectPng(400, 300), "image/png", 400, 300);
        GeneratedImage image = vectorize(source);

        assertEquals(1, sim.calls("vectorize"));
        Call call = sim.calls().get(0);
        assertEquals(Map.of("response_format", "b64_json"), call.fields(), "no image_format: the result is SVG");
        assertArrayEquals(source.data(), call.image().data(), "a source within the limits goes out unchanged");
        assertEquals("image/png", call.image().contentType());
        assertEquals("image/svg+xml", image.mediaType());
        assertEquals(MODEL, image.modelId());
        Document svg = TestSvgs.parse(image.data());
        assertEquals(RecraftSvg.SVG_NS, svg.getDocumentElement().getNamespaceURI());
        assertEquals("400 300 0 0 400 300", TestSvgs.size(svg));
        assertEquals(Optional.of(SOURCE), TestSvgs.fillAt(svg, 150, 150), "inside the subject");
        assertEquals(Optional.of(java.awt.Color.WHITE), TestSvgs.fillAt(svg, 5, 5), "the background");
        assertEquals(List.of(), sim.problems());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void anySideGoesOutUnscaledWhileTheImageIsWithinSixteenMegapixels() {
        // Recraft's vectorize page states 10 MB and 16 MP only, not the 256..4096 px sides of the other tools
        for (int[] size : new int[][] {{100, 80}, {8000, 1500}}) {
            GeneratedImage image = vectorize(TestImages.source(size[0], size[1]));
            Call call = sim.calls().get(sim.calls().size() - 1);
            assertEquals(size[0], call.image().width());
            assertEquals(size[1], call.image().height());
            assertEquals(size[0] + " " + size[1] + " 0 0 " + size[0] + " " + size[1],
                    TestSvgs.size(TestSvgs.parse(image.data())));
        }
        assertEquals(2, sim.calls("vectorize"));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void anImageOverSixteenMegapixelsIsScaledToFitAndTheSvgKeepsTheSizeRecraftTraced() {
        GeneratedImage image = vectorize(TestImages.source(5000, 4000));

        Call call = sim.calls().get(0);
        assertEquals(4472, call.image().width());
        assertEquals(3577, call.image().height());
        assertEquals("4472 3577 0 0 4472 3577", TestSvgs.size(TestSvgs.parse(image.data())));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aHostileSvgPassesUnchangedForTheRuntimeToSanitiseAndNothingItReferencesIsFetched() {
        sim.hostileSvg(true);
        GeneratedImage image = vectorize(TestImages.source(320, 200));

        String text = new String(image.data(), StandardCharsets.UTF_8);
        for (String marker : RecraftTracing.HOSTILE_MARKERS) {
            assertTrue(text.contains(marker), marker);
        }
        assertEquals("image/svg+xml", image.mediaType());
        Document svg = TestSvgs.parse(image.data());
        assertEquals("320 200 0 0 320 200", TestSvgs.size(svg));
        assertEquals(Optional.of(SOURCE), TestSvgs.fillAt(svg, 5, 5), "the drawing covers the small attacks");
        assertEquals(0, sim.elsewhereHits(), "the external entity was not resolved");
        assertEquals(List.of(), sim.problems());
    }

    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"GARBAGE_IMAGE", "NO_IMAGE"})
    void anAnswerThatIsNotAnSvgIsBadOutput(Answer answer) {
        sim.answerNext(answer);
        ImagesException e = assertThrows(ImagesException.class, () -> vectorize(TestImages.source(300, 300)));
        assertEquals("provider_bad_output", e.code());
        assertEquals(502, e.httpStatus());
        assertTrue(e.retryable());
        if (answer == Answer.GARBAGE_IMAGE) {
            assertEquals("Recraft's vectorize result is XML whose root is <html> without a namespace, not an SVG "
                    + "<svg> element.", e.getMessage());
        }
        assertEquals(1, sim.calls("vectorize"));
    }

    @ParameterizedTest
    @CsvSource({"BAD_REQUEST, provider_refused, 422, false", "CONTENT_REFUSED, provider_refused, 422, false",
        "UNAUTHORIZED, provider_unavailable, 503, false", "NOT_ENOUGH_CREDITS, provider_unavailable, 503, false",
        "FORBIDDEN, provider_unavailable, 503, false", "REDIRECT, provider_unavailable, 503, false",
        "RATE_LIMITED, provider_unavailable, 503, true", "SERVER_ERROR, provider_unavailable, 503, true"})
    void recraftsErrorsMapLikeEveryOtherEndpoints(Answer answer, String code, int status, boolean retryable) {
        sim.answerNext(answer);
        ImagesException e = assertThrows(ImagesException.class, () -> vectorize(TestImages.source(300, 300)));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.httpStatus());
        assertEquals(retryable, e.retryable(), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        if (answer == Answer.BAD_REQUEST) {
            assertEquals("Recraft rejected the request: Prompt contains unsupported characters (invalid_request).",
                    e.getMessage());
        }
        if (answer == Answer.RATE_LIMITED) {
            assertEquals(Optional.of(Duration.ofSeconds(9)), e.retryAfter());
        }
        assertEquals(1, sim.calls("vectorize"));
        assertEquals(0, sim.elsewhereHits());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void vectorizeRunsOnlyOnItsOwnModelAndThatModelDoesNothingElse() {
        SourceImage source = TestImages.source(300, 300);
        for (EditRequest request : List.of(
                EditRequest.builder(ImageOperation.VECTORIZE, RecraftImageProvider.MODEL_V3, source).build(),
                EditRequest.builder(ImageOperation.VECTORIZE, RecraftImageProvider.MODEL_REMOVE_BACKGROUND, source)
                        .build(),
                EditRequest.builder(ImageOperation.REMOVE_BACKGROUND, MODEL, source).build(),
                EditRequest.builder(ImageOperation.UPSCALE_CRISP, MODEL, source).build())) {
            ImagesException e = assertThrows(ImagesException.class, () -> edit(request));
            assertEquals("operation_not_supported", e.code(), request.operation() + " " + request.model());
        }
        assertEquals(0, sim.totalCalls());
    }
}
