package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.testsupport.providers.RecraftSimulator.Answer;

/** How Recraft's failures reach the task engine, against the simulator's scripted answers. */
class RecraftFailuresTest extends RecraftSimulatorFixture {
    private static EditRequest inpaint() {
        return EditRequest.builder(ImageOperation.INPAINT, RecraftImageProvider.MODEL_V3, TestImages.source(300, 300))
                .prompt("a lamp").maskPng(TestImages.rectMask(300, 300, 10, 10, 50, 50)).build();
    }

    private ImagesException failing(Answer answer) {
        sim.answerNext(answer);
        return assertThrows(ImagesException.class, () -> edit(inpaint()));
    }

    @Test
    void aRejectedRequestQuotesRecraftsMessageShortOnOneLineAndWithoutTheToken() {
        sim.badRequestMessage("Prompt has\n\tcontrol\u0007 chars for " + TOKEN + " " + "x".repeat(300));
        ImagesException e = failing(Answer.BAD_REQUEST);
        assertEquals("provider_refused", e.code());
        assertEquals(422, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("Recraft rejected the request: Prompt has control chars for [token] xx"),
                e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertFalse(e.getMessage().matches("(?s).*\\p{Cntrl}.*"), e.getMessage());
        assertTrue(e.getMessage().length() < 260, e.getMessage());
        assertTrue(e.getMessage().endsWith("..."), e.getMessage());
    }

    @Test
    void aContentRefusalIsProviderRefused() {
        ImagesException e = failing(Answer.CONTENT_REFUSED);
        assertEquals("provider_refused", e.code());
        assertFalse(e.retryable());
        assertEquals("Recraft declined the image or prompt under its content policy.", e.getMessage());
    }

    @Test
    void aWrongTokenIsAnOperatorProblemNotARetry() {
        reconfigure("not-the-token", Duration.ofSeconds(10));
        ImagesException e = assertThrows(ImagesException.class, () -> edit(inpaint()));
        assertOperatorProblem(e, "images.provider.recraft");
        assertFalse(e.getMessage().contains("not-the-token"));
        assertEquals(List.of("Authorization on inpaint was wrong"), sim.problems());
    }

    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"UNAUTHORIZED", "NOT_ENOUGH_CREDITS", "FORBIDDEN", "REDIRECT"})
    void accountProblemsAreForAnOperator(Answer answer) {
        assertOperatorProblem(failing(answer), "operator");
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenStaysOnTheConfiguredHost() {
        failing(Answer.REDIRECT);
        assertEquals(0, sim.elsewhereHits(), "nothing, and so no token, reached the other host");
        assertEquals(1, sim.calls("inpaint"));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void rateLimitIsRetryableWithTheRetryAfterHeader() {
        ImagesException e = failing(Answer.RATE_LIMITED);
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(9)), e.retryAfter());
    }

    @Test
    void serverErrorIsRetryableWithTheRetryAfterHeader() {
        ImagesException e = failing(Answer.SERVER_ERROR);
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(4)), e.retryAfter());
    }

    @Test
    void aSlowAnswerPastTheTimeoutIsRetryable() {
        reconfigure(TOKEN, Duration.ofSeconds(1));
        ImagesException e = failing(Answer.SLOW);
        assertUnavailable(e);
        assertTrue(e.getMessage().contains("within 1 seconds"), e.getMessage());
    }

    @Test
    void anUnreachableServiceIsRetryable() {
        sim.close(); // nothing listens any more
        assertUnavailable(assertThrows(ImagesException.class, () -> edit(inpaint())));
    }

    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"GARBAGE_IMAGE", "NO_IMAGE"})
    void anAnswerWithoutAReadableImageIsBadOutput(Answer answer) {
        ImagesException e = failing(answer);
        assertEquals("provider_bad_output", e.code());
        assertTrue(e.retryable());
    }

    @ParameterizedTest
    @CsvSource({
        "UPSCALE_CRISP, recraft/crisp-upscale, crispUpscale, RATE_LIMITED, provider_unavailable, true",
        "UPSCALE_CRISP, recraft/crisp-upscale, crispUpscale, NO_IMAGE, provider_bad_output, true",
        "UPSCALE_CREATIVE, recraft/creative-upscale, creativeUpscale, SERVER_ERROR, provider_unavailable, true",
        "UPSCALE_CREATIVE, recraft/creative-upscale, creativeUpscale, NOT_ENOUGH_CREDITS, provider_unavailable, false",
        "REMOVE_BACKGROUND, recraft/remove-background, removeBackground, CONTENT_REFUSED, provider_refused, false",
        "REMOVE_BACKGROUND, recraft/remove-background, removeBackground, GARBAGE_IMAGE, provider_bad_output, true",
        "REMOVE_BACKGROUND, recraft/remove-background, removeBackground, OPAQUE_IMAGE, provider_bad_output, true"})
    void theNewEndpointsFailLikeTheOthers(ImageOperation operation, String model, String endpoint, Answer answer,
            String code, boolean retryable) {
        sim.answerNext(answer);
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(operation, model,
                TestImages.source(300, 300)).build()));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(retryable, e.retryable(), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertEquals(1, sim.calls(endpoint));
        assertEquals(List.of(), sim.problems());
        if (answer == Answer.OPAQUE_IMAGE) {
            assertTrue(e.getMessage().contains("without transparency"), e.getMessage());
        }
    }

    @Test
    void cancellingWhileRecraftWorksCancelsTheCall() {
        sim.answerNext(Answer.SLOW);
        long started = System.nanoTime();
        ImagesException e = assertThrows(TaskCancelledException.class, () -> edit(inpaint(),
                sim::slowRequestArrived));
        assertEquals("cancelled", e.code());
        assertEquals(409, e.httpStatus());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "not held until the timeout");
        assertEquals(1, sim.calls("inpaint"));
    }

    @Test
    void aTaskCancelledBeforehandSendsNothing() {
        assertThrows(TaskCancelledException.class, () -> edit(inpaint(), () -> true));
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void stoppingTheComponentEndsAWaitingEdit() {
        sim.answerNext(Answer.SLOW);
        BooleanSupplier stopOnceSent = () -> {
            if (sim.slowRequestArrived()) {
                provider.deactivate();
            }
            return false;
        };
        ImagesException e = assertThrows(ImagesException.class, () -> edit(inpaint(), stopOnceSent));
        assertUnavailable(e);
        assertEquals("The Recraft provider is stopping.", e.getMessage());
    }

    private static void assertOperatorProblem(ImagesException e, String mentions) {
        assertEquals("provider_unavailable", e.code());
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    private static void assertUnavailable(ImagesException e) {
        assertEquals("provider_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
    }
}
