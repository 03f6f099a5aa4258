package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.providers.SerpApiSimulator;
import io.karafimages.testsupport.providers.SerpApiSimulator.Answer;

/** Every way SerpApi can fail, as the simulator answers it, and the product error each one becomes. */
class SerpApiFailuresTest extends SerpApiFixture {
    @Test
    void aWrongKeyIsAnOperatorProblemFoundAtTheUpload() {
        reconfigure("not-the-key", Duration.ofSeconds(20), 20);
        ImagesException e = failing();
        assertOperatorProblem(e, ".api.key", "not-the-key");
        assertTrue(e.getMessage().contains("images.provider.serpapi"), e.getMessage());
        assertEquals(1, sim.requests().size(), "no search after a refused upload");
    }

    @Test
    void aKeyRefusedAtTheSearchIsTheSameOperatorProblem() {
        sim.answerSearches(Answer.UNAUTHORIZED);
        assertOperatorProblem(failing(), "API key", KEY);
    }

    @Test
    void runningOutOfSearchesIsAnOperatorProblem() {
        sim.answerSearches(Answer.OUT_OF_SEARCHES);
        assertOperatorProblem(failing(), "no searches left", KEY);
    }

    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"RATE_LIMITED", "SERVER_ERROR"})
    void rateLimitsAndServerErrorsOfTheUploadAreRetryableWithRetryAfter(Answer answer) {
        sim.answerUploads(answer);
        ImagesException e = failing();
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(answer == Answer.RATE_LIMITED ? 7 : 3)), e.retryAfter());
        assertEquals(List.of("/image"), sim.requests().stream().map(SerpApiSimulator.Request::path).toList());
    }

    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"RATE_LIMITED", "SERVER_ERROR"})
    void rateLimitsAndServerErrorsOfTheSearchAreRetryableWithRetryAfter(Answer answer) {
        sim.answerSearches(answer);
        ImagesException e = failing();
        assertUnavailable(e);
        assertEquals(Optional.of(Duration.ofSeconds(answer == Answer.RATE_LIMITED ? 7 : 3)), e.retryAfter());
    }

    @Test
    void aSearchWithStatusErrorIsRetryableAndSaysWhy() {
        sim.answerSearches(Answer.SEARCH_ERROR);
        ImagesException e = failing();
        assertUnavailable(e);
        assertTrue(e.getMessage().contains("couldn't get valid results"), e.getMessage());
    }

    @Test
    void malformedJsonFromTheSearchIsBadOutput() {
        sim.answerSearches(Answer.MALFORMED_JSON);
        ImagesException e = failing();
        assertEquals("provider_bad_output", e.code());
        assertEquals(502, e.httpStatus());
        assertTrue(e.retryable());
    }

    @Test
    void malformedJsonFromTheUploadIsBadOutput() {
        sim.answerUploads(Answer.MALFORMED_JSON);
        assertEquals("provider_bad_output", failing().code());
        assertEquals(1, sim.requests().size());
    }

    @Test
    void anAnswerPastTheTimeoutIsRetryable() {
        reconfigure(KEY, Duration.ofSeconds(1), 20);
        sim.answerSearches(Answer.HOLD);
        long started = System.nanoTime();
        ImagesException e = failing();
        assertUnavailable(e);
        assertTrue(e.getMessage().contains("within 1 seconds"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "the deadline holds");
    }

    @Test
    void anUnreachableServiceIsRetryable() {
        sim.close(); // nothing listens any more
        assertUnavailable(failing());
    }

    @Test
    void longTextsAreShortenedAndManyMatchesCapped() {
        sim.matches(java.util.Collections.nCopies(60, new SerpApiSimulator.Match("t".repeat(2000),
                "https://example.com/" + "p".repeat(1900), "s", null)));
        List<io.karafimages.spi.search.SearchMatch> matches = search(TestJpegs.small(100, 100)).matches();
        assertEquals(20, matches.size());
        assertEquals(303, matches.get(0).title().length(), "300 characters and an ellipsis");
    }

    private ImagesException failing() {
        return assertThrows(ImagesException.class, () -> search(TestJpegs.small(300, 200)));
    }

    static void assertOperatorProblem(ImagesException e, String mentions, String key) {
        assertEquals("provider_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains(key), "never the key");
        assertEquals(Optional.empty(), e.retryAfter());
    }

    static void assertUnavailable(ImagesException e) {
        assertEquals("provider_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), "never the key");
    }
}
