package io.karafimages.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

class ExpiryTest {
    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void lifetimesDatesAndInstants() {
        assertEquals(now.plus(Duration.ofDays(90)), Expiry.parse("90d", now));
        assertEquals(now.plus(Duration.ofHours(12)), Expiry.parse("12h", now));
        assertEquals(now.plus(Duration.ofMinutes(30)), Expiry.parse("30m", now));
        assertEquals(now.plus(Duration.ofDays(90)), Expiry.parse("P90D", now));
        assertEquals(now.plus(Duration.ofHours(2)), Expiry.parse("PT2H", now));
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), Expiry.parse("2027-01-31", now), "through that day");
        assertEquals(Instant.parse("2027-01-31T12:00:00Z"), Expiry.parse("2027-01-31T12:00:00Z", now));
    }

    @Test
    void anythingElseIsRefusedWithACode() {
        for (String bad : new String[] { "", "90", "90y", "tomorrow", "P1M", "2027-13-01", null }) {
            assertEquals("invalid_expiry", assertThrows(ImagesException.class, () -> Expiry.parse(bad, now)).code(),
                    String.valueOf(bad));
        }
    }
}
