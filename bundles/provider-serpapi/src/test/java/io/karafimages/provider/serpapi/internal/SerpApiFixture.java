package io.karafimages.provider.serpapi.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.karafimages.spi.search.SearchRequest;
import io.karafimages.spi.search.SearchResults;
import io.karafimages.testsupport.providers.SerpApiSimulator;
import okhttp3.HttpUrl;

/** Starts a {@link SerpApiSimulator} and a provider pointed at it for each test (SerpApi itself is never reached). */
abstract class SerpApiFixture {
    static final String KEY = "serp-sim-key-5678";

    SerpApiSimulator sim;
    SerpApiSearchProvider provider;

    @BeforeEach
    void start() throws IOException {
        sim = simulator();
        provider = new SerpApiSearchProvider(settings(KEY, sim.baseUrl(), Duration.ofSeconds(20), 20),
                Clock.systemUTC());
    }

    /** The simulator of each test; a test class may give it another clock. */
    SerpApiSimulator simulator() throws IOException {
        return new SerpApiSimulator(KEY);
    }

    @AfterEach
    void stop() {
        provider.close();
        sim.close();
    }

    static SerpApiSettings settings(String key, String baseUrl, Duration timeout, int maxMatches) {
        return new SerpApiSettings(key, HttpUrl.get(baseUrl), timeout, 0.015, Optional.of("en"), Optional.of("de"),
                "active", maxMatches);
    }

    /** Replaces the provider (the old one is stopped). */
    void reconfigure(String key, Duration timeout, int maxMatches) {
        provider.close();
        provider = new SerpApiSearchProvider(settings(key, sim.baseUrl(), timeout, maxMatches), Clock.systemUTC());
    }

    SearchResults search(byte[] jpeg) {
        return search(jpeg, null, () -> false);
    }

    SearchResults search(byte[] jpeg, String query, BooleanSupplier cancelled) {
        return provider.search(SearchRequest.of(jpeg, query), cancelled);
    }
}
