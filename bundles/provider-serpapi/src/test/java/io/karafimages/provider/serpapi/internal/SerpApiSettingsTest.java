package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the configuration: defaults, a missing key, and values that stop activation naming their property. */
class SerpApiSettingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "$[env:SERPAPI_KEY]", " $[secret:serpapi_key]"})
    void withoutAUsableKeyThereAreNoSettings(String key) {
        assertEquals(Optional.empty(), SerpApiSettings.from(TestConfig.withKey(key)));
    }

    @Test
    void aNullKeyIsNoKey() {
        assertEquals(Optional.empty(), SerpApiSettings.from(TestConfig.withKey(null)));
    }

    @Test
    void theDefaultsMakeAWorkingProvider() {
        SerpApiSettings s = SerpApiSettings.from(TestConfig.withKey(" abc123 ")).orElseThrow();
        assertEquals("abc123", s.apiKey());
        assertEquals("https://serpapi.com/image", s.endpoint("image").toString());
        assertEquals("https://serpapi.com/search.json", s.endpoint("search.json").toString());
        assertEquals(Duration.ofSeconds(60), s.timeout());
        assertEquals(0.015, s.costUsd());
        assertEquals(Optional.empty(), s.hl());
        assertEquals(Optional.empty(), s.country());
        assertEquals("active", s.safe());
        assertEquals(20, s.maxMatches());
        assertFalse(s.toString().contains("abc123"), "never print the key");
    }

    @Test
    void languageCountryAndSafeAreNormalised() {
        TestConfig c = TestConfig.withKey("k");
        c.hl = " pt-BR ";
        c.country = "DE";
        c.safe = "Off";
        c.baseUrl = "http://127.0.0.1:1234/proxy/";
        SerpApiSettings s = SerpApiSettings.from(c).orElseThrow();
        assertEquals(Optional.of("pt-br"), s.hl());
        assertEquals(Optional.of("de"), s.country());
        assertEquals("off", s.safe());
        assertEquals("http://127.0.0.1:1234/proxy/image", s.endpoint("image").toString());
    }

    @Test
    void badValuesNameTheirProperty() {
        assertRefused(c -> c.safe = "moderate", "safe");
        assertRefused(c -> c.hl = "english please", "hl");
        assertRefused(c -> c.country = "usa", "country");
        assertRefused(c -> c.timeoutSeconds = 0, "timeout.seconds");
        assertRefused(c -> c.timeoutSeconds = 301, "timeout.seconds");
        assertRefused(c -> c.maxMatches = 0, "max.matches");
        assertRefused(c -> c.maxMatches = 101, "max.matches");
        assertRefused(c -> c.costUsd = -0.01, "cost.usd");
        assertRefused(c -> c.costUsd = Double.NaN, "cost.usd");
        assertRefused(c -> c.baseUrl = "ftp://serpapi.com", "base.url");
    }

    private static void assertRefused(Consumer<TestConfig> change, String property) {
        TestConfig c = TestConfig.withKey("a-key-never-printed");
        change.accept(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerpApiSettings.from(c));
        assertTrue(e.getMessage().startsWith("images.provider.serpapi: " + property), e.getMessage());
        assertFalse(e.getMessage().contains("a-key-never-printed"));
    }
}
