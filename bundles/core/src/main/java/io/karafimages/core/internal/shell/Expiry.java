package io.karafimages.core.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.karafimages.api.ImagesException;

/**
 * An API key's expiry as an operator types it: a lifetime ({@code 90d}, {@code 12h}, {@code 30m}, or ISO-8601
 * {@code P90D}/{@code PT12H}), a date ({@code 2027-01-31}: the key works through that day, UTC) or an instant
 * ({@code 2027-01-31T12:00:00Z}).
 */
final class Expiry {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dhm])");

    private Expiry() {
    }

    /** @throws ImagesException 400 {@code invalid_expiry} */
    static Instant parse(String text, Instant now) {
        String v = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return now.plus(switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                });
            }
            if (v.startsWith("P") || v.startsWith("p")) {
                return now.plus(Duration.parse(v.toUpperCase(java.util.Locale.ROOT))); // P90D, PT12H (days at most)
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static ImagesException invalid(String text) {
        return ImagesException.invalid("invalid_expiry", "Cannot read the expiry '" + text + "': give a lifetime "
                + "(90d, 12h, 30m, P90D) or a UTC date or instant (2027-01-31, 2027-01-31T12:00:00Z).");
    }
}
