package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.providers.SerpApiSimulator;

/**
 * An image id SerpApi has forgotten (it keeps uploads 10 minutes): the simulator's clock moves 11 minutes at every
 * reading, so the id is stale by the time the search arrives. A new attempt uploads again, so it is retryable.
 */
class SerpApiExpiredImageTest extends SerpApiFixture {
    /** Eleven minutes later at every reading. */
    private static final class JumpingClock extends Clock {
        private final AtomicLong minutes = new AtomicLong();

        @Override
        public Instant instant() {
            return Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes.getAndAdd(11)));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Override
    SerpApiSimulator simulator() throws IOException {
        return new SerpApiSimulator(KEY, new JumpingClock());
    }

    @Test
    void aForgottenImageIdIsRetryable() {
        ImagesException e = assertThrows(ImagesException.class, () -> search(TestJpegs.small(200, 200)));
        SerpApiFailuresTest.assertUnavailable(e);
        assertTrue(e.getMessage().contains("no longer knew the uploaded image"), e.getMessage());
        assertEquals(1, sim.uploads().size());
        assertEquals(List.of(), sim.problems());
    }
}
