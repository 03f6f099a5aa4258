package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.ImagesException;
import okhttp3.HttpUrl;

/** The settings, the limits arithmetic, the variate size choice and the error-body reading, without a server. */
class RecraftHelpersTest {
    private static final HttpUrl BASE = HttpUrl.get("https://external.api.recraft.ai/v1/");

    private static RecraftSettings settings(String key, HttpUrl base, double eraseCost) {
        return new RecraftSettings(key, base, Duration.ofSeconds(120), Duration.ofSeconds(10), 0.04, eraseCost,
                0.04, "A background");
    }

    @Test
    void aMissingOrUnresolvedTokenStopsActivationNamingTheKey() {
        for (String key : new String[] {null, " ", "$[env:RECRAFT_API_KEY]"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(key, BASE, 0.002));
            assertTrue(e.getMessage().contains(".api.key"), e.getMessage());
        }
    }

    @Test
    void badValuesStopActivationNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("k", null, 0.002)).getMessage()
                .contains("base.url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("k", BASE, -1)).getMessage()
                .contains("cost.erase.region.usd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecraftSettings("k", BASE,
                Duration.ZERO, Duration.ofSeconds(1), 0, 0, 0, "p")).getMessage().contains("timeout.seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecraftSettings("k", BASE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0, 0, "x".repeat(1001))).getMessage()
                .contains("generate.background.prompt"));
    }

    @Test
    void endpointsHangBelowTheBaseUrlAndTheTokenIsNeverPrinted() {
        RecraftSettings s = settings("secret-token", BASE, 0.002);
        assertEquals("https://external.api.recraft.ai/v1/images/inpaint", s.endpoint("images/inpaint").toString());
        assertFalse(s.toString().contains("secret-token"));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000, 1000, 1000", "4096, 4096, 4000, 4000", "5000, 3000, 4096, 2457", "4500, 1000, 4096, 910",
        "256, 4096, 256, 4096"})
    void fitKeepsTheRatioWithinTheLimits(int w, int h, int fw, int fh) {
        assertArrayEquals(new int[] {fw, fh}, RecraftLimits.fit(w, h));
    }

    @ParameterizedTest
    @CsvSource({"255, 1000", "1000, 255", "5000, 300"})
    void fitRefusesWhatCannotReachTheMinimumSide(int w, int h) {
        assertEquals("image_too_small", assertThrows(ImagesException.class, () -> RecraftLimits.fit(w, h)).code());
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000, 1024x1024", "600, 400, 1536x1024", "400, 1000, 1024x2048", "1920, 1080, 1820x1024",
        "1024, 1280, 1024x1280", "3000, 2000, 1536x1024"})
    void variatePicksTheRecraftSizeNearestTheRatio(int w, int h, String size) {
        assertEquals(size, RecraftEndpoint.nearestSize(w, h));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"code\":\"invalid_mask\",\"message\":\"Mask must be binary\"}|Mask must be binary (invalid_mask)",
        "{\"error\":{\"message\":\"Bad size\"}}|Bad size",
        "{\"detail\":\"Image too large\"}|Image too large",
        "{\"code\":\"bad_thing\"}|bad_thing",
        "<html>Bad Gateway</html>|''"})
    void errorBodiesAreReadWhateverTheirShape(String body, String message) {
        assertEquals(message, RecraftFailures.message(body));
    }

    @Test
    void aRefusalOrAnEmptyBalanceIsRecognisedInA400Message() {
        ImagesException nsfw = RecraftFailures.fromStatus(400, "{\"message\":\"NSFW content detected\"}",
                java.util.Optional.empty(), "k");
        assertEquals("provider_refused", nsfw.code());
        assertTrue(nsfw.getMessage().contains("content policy"));
        ImagesException units = RecraftFailures.fromStatus(400, "{\"code\":\"not_enough_credits\"}",
                java.util.Optional.empty(), "k");
        assertEquals("provider_unavailable", units.code());
        assertFalse(units.retryable());
    }
}
