package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.testsupport.providers.SerpApiSimulator.Answer;

/** A cancelled task or a stopping provider ends a search at once, whichever call it waits for. */
class SerpApiCancellationTest extends SerpApiFixture {
    @Test
    void cancellingWhileTheSearchRunsCancelsIt() {
        sim.answerSearches(Answer.HOLD);
        long started = System.nanoTime();
        ImagesException e = assertThrows(TaskCancelledException.class, () -> search(TestJpegs.small(200, 200),
                null, sim::heldRequestArrived));
        assertEquals("cancelled", e.code());
        assertEquals(409, e.httpStatus());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "not held until the timeout");
        assertEquals(1, sim.requests("/search.json").size());
    }

    @Test
    void cancellingWhileTheUploadRunsSendsNoSearch() {
        sim.answerUploads(Answer.HOLD);
        assertThrows(TaskCancelledException.class, () -> search(TestJpegs.small(200, 200), null,
                sim::heldRequestArrived));
        sim.release();
        assertEquals(List.of(), sim.requests("/search.json"));
    }

    @Test
    void cancellingWhileWaitingForTheArchiveEndsTheWait() {
        sim.answerSearchesOnce(Answer.PROCESSING);
        long[] searchSeenAt = {0};
        BooleanSupplier duringThePause = () -> { // the answer takes milliseconds; the pause before the archive 1 s
            if (searchSeenAt[0] == 0 && !sim.requests("/search.json").isEmpty()) {
                searchSeenAt[0] = System.nanoTime();
            }
            return searchSeenAt[0] != 0 && System.nanoTime() - searchSeenAt[0] > Duration.ofMillis(300).toNanos();
        };
        assertThrows(TaskCancelledException.class, () -> search(TestJpegs.small(200, 200), null,
                duringThePause));
        assertTrue(System.nanoTime() - searchSeenAt[0] < Duration.ofMillis(900).toNanos(), "ended in the pause");
        assertEquals(List.of("/image", "/search.json"), sim.requests().stream()
                .map(io.karafimages.testsupport.providers.SerpApiSimulator.Request::path).toList());
    }

    @Test
    void aTaskCancelledBeforehandSendsNothing() {
        assertThrows(TaskCancelledException.class, () -> search(TestJpegs.small(200, 200), null, () -> true));
        assertEquals(List.of(), sim.requests());
    }

    @Test
    void stoppingTheProviderEndsAWaitingSearch() {
        sim.answerSearches(Answer.HOLD);
        BooleanSupplier stopOnceSent = () -> {
            if (sim.heldRequestArrived()) {
                provider.close();
            }
            return false;
        };
        ImagesException e = assertThrows(ImagesException.class, () -> search(TestJpegs.small(200, 200), null,
                stopOnceSent));
        SerpApiFailuresTest.assertUnavailable(e);
        assertEquals("The SerpApi provider is stopping.", e.getMessage());
    }
}
