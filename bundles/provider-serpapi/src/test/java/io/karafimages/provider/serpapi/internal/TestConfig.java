package io.karafimages.provider.serpapi.internal;

import java.lang.annotation.Annotation;

/** A {@link SerpApiConfig} as DS would build it from a cfg file: the defaults, with fields a test changes. */
final class TestConfig implements SerpApiConfig {
    String apiKey = "";
    String baseUrl = "https://serpapi.com";
    int timeoutSeconds = 60;
    double costUsd = 0.015;
    String hl = "";
    String country = "";
    String safe = "active";
    int maxMatches = 20;

    static TestConfig withKey(String key) {
        TestConfig c = new TestConfig();
        c.apiKey = key;
        return c;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SerpApiConfig.class;
    }

    @Override
    public String _api_key() {
        return apiKey;
    }

    @Override
    public String base_url() {
        return baseUrl;
    }

    @Override
    public int timeout_seconds() {
        return timeoutSeconds;
    }

    @Override
    public double cost_usd() {
        return costUsd;
    }

    @Override
    public String hl() {
        return hl;
    }

    @Override
    public String country() {
        return country;
    }

    @Override
    public String safe() {
        return safe;
    }

    @Override
    public int max_matches() {
        return maxMatches;
    }
}
