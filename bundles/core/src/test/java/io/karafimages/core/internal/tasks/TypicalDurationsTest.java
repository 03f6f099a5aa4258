package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TypicalDurationsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, Integer> reads = new HashMap<>();
    private final Map<String, Duration> stored = new HashMap<>(Map.of("generate", Duration.ofSeconds(9),
            "edit_upscale", Duration.ofSeconds(3)));
    private final TypicalDurations typical = new TypicalDurations(skill -> {
        reads.merge(skill, 1, Integer::sum);
        return stored.get(skill);
    }, Duration.ofSeconds(5), nanos::get);

    @Test
    void aSkillsFigureIsReadOnceForItsMaxAgeAndThenAgain() {
        assertEquals(Duration.ofSeconds(9), typical.of("generate"));
        stored.put("generate", Duration.ofSeconds(12));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertEquals(Duration.ofSeconds(9), typical.of("generate"), "still the first reading");
        assertEquals(1, reads.get("generate"));
        nanos.addAndGet(1);
        assertEquals(Duration.ofSeconds(12), typical.of("generate"), "read again at its max age");
        assertEquals(2, reads.get("generate"));
    }

    @Test
    void aTaskEndedHereIsCountedAtOnce() {
        assertEquals(Duration.ofSeconds(9), typical.of("generate"));
        stored.put("generate", Duration.ofSeconds(12));
        typical.forget("generate");
        assertEquals(Duration.ofSeconds(12), typical.of("generate"));
        assertEquals(2, reads.get("generate"));
    }

    @Test
    void eachSkillHasItsOwnFigure() {
        assertEquals(Duration.ofSeconds(9), typical.of("generate"));
        assertEquals(Duration.ofSeconds(3), typical.of("edit_upscale"));
        assertEquals(Duration.ofSeconds(9), typical.of("generate"));
        assertEquals(Map.of("generate", 1, "edit_upscale", 1), reads);
    }
}
