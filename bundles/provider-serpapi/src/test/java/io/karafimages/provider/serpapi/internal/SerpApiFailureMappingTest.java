package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.ImagesException;
import io.karafimages.provider.serpapi.internal.SerpApiFailures.Phase;

/** The status table of SerpApi's docs, including the answers the simulator does not script. */
class SerpApiFailureMappingTest {
    private static final String KEY = "k-123456";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UPLOAD | 400 | {\"error\":\"Unsupported image format.\"} | "
            + "provider_refused | 422 | false | rejected the image: Unsupported image format.",
        "SEARCH | 400 | {\"error\":\"Missing `url` parameter.\"} | "
            + "provider_refused | 422 | false | rejected the search",
        "SEARCH | 400 | {\"error\":\"Invalid or expired `image_id`.\"} | "
            + "provider_unavailable | 503 | true | no longer knew the uploaded image",
        "SEARCH | 401 | {\"error\":\"Invalid API key.\"} | provider_unavailable | 503 | false | .api.key",
        "SEARCH | 403 | {\"error\":\"Account deleted.\"} | provider_unavailable | 503 | false | refused this account",
        "SEARCH | 404 | not json | provider_unavailable | 503 | false | base.url",
        "SEARCH | 410 | {\"error\":\"Search expired.\"} | provider_unavailable | 503 | false | base.url",
        "UPLOAD | 307 | '' | provider_unavailable | 503 | false | redirect",
        "SEARCH | 429 | {\"error\":\"Your searches for the month have run out.\"} | "
            + "provider_unavailable | 503 | false | no searches left",
        "SEARCH | 429 | {\"error\":\"Hourly limit.\"} | provider_unavailable | 503 | true | rate limiting",
        "SEARCH | 408 | '' | provider_unavailable | 503 | true | HTTP 408",
        "SEARCH | 502 | <html>bad gateway</html> | provider_unavailable | 503 | true | (HTTP 502).",
        "UPLOAD | 422 | {\"error\":\"Bad k-123456 stuff\"} | provider_refused | 422 | false | Bad [key] stuff"})
    void mapsEveryStatus(Phase phase, int status, String body, String code, int http, boolean retryable,
            String mentions) {
        ImagesException e = SerpApiFailures.fromStatus(phase, status, body, Optional.of(Duration.ofSeconds(5)), KEY);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(http, e.httpStatus());
        assertEquals(retryable, e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertEquals(retryable && status != 400 ? Optional.of(Duration.ofSeconds(5)) : Optional.empty(),
                e.retryAfter(), "Retry-After only where waiting helps");
    }
}
