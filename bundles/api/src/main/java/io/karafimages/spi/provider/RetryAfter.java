package io.karafimages.spi.provider;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a provider asks us to wait: an HTTP {@code Retry-After} header (delay-seconds or HTTP-date,
 * RFC 9110 section 10.2.3) or a protobuf JSON duration such as Google's {@code RetryInfo.retryDelay} ("7s",
 * "0.5s"). Values are clamped to one hour so a broken header cannot park a task for days. Stateless; for provider
 * authors, to fill {@link io.karafimages.api.ImagesException#retryAfter()}.
 */
public final class RetryAfter {
    public static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** The {@code Retry-After} header value as a duration from now; empty when absent or unreadable. */
    public static Optional<Duration> fromHeader(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return clamp(v.length() > 7 ? MAX : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            return clamp(Duration.between(clock.instant(), at.toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A protobuf JSON duration ("37s", "1.5s"); empty when unreadable. */
    public static Optional<Duration> fromProtoDuration(String value) {
        if (value == null || !value.trim().endsWith("s")) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim().substring(0, value.trim().length() - 1));
            if (seconds.compareTo(BigDecimal.valueOf(MAX.toSeconds())) > 0) {
                return Optional.of(MAX);
            }
            return clamp(Duration.ofMillis(seconds.movePointRight(3).longValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> clamp(Duration d) {
        if (d.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(d.compareTo(MAX) > 0 ? MAX : d);
    }
}
