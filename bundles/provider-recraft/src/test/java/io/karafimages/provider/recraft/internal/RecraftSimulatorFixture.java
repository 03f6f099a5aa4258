package io.karafimages.provider.recraft.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.testsupport.providers.RecraftSimulator;
import okhttp3.HttpUrl;

/** Starts a {@link RecraftSimulator} and a provider pointed at it for each test (no Recraft service is reached). */
abstract class RecraftSimulatorFixture {
    static final String TOKEN = "recraft-sim-token-1234";
    static final RecraftSettings.Prices PRICES = new RecraftSettings.Prices(0.04, 0.002, 0.04, 0.004, 0.25, 0.01,
            0.01, 0.05);

    RecraftSimulator sim;
    RecraftImageProvider provider;
    final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        sim = new RecraftSimulator(TOKEN);
        provider = provider(TOKEN, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        provider.deactivate();
        sim.close();
    }

    RecraftImageProvider provider(String token, Duration timeout) {
        return new RecraftImageProvider(settings(token, sim.baseUrl(), timeout), Clock.systemUTC());
    }

    static RecraftSettings settings(String token, String baseUrl, Duration timeout) {
        return new RecraftSettings(token, HttpUrl.get(baseUrl), timeout, Duration.ofSeconds(5), PRICES,
                "A calm studio background");
    }

    /** Replaces the provider (the old one is stopped). */
    void reconfigure(String token, Duration timeout) {
        provider.deactivate();
        provider = provider(token, timeout);
    }

    GeneratedImage edit(EditRequest request) {
        return edit(request, () -> false);
    }

    GeneratedImage edit(EditRequest request, BooleanSupplier cancelled) {
        return provider.edit(request, (fraction, message) -> fractions.add(fraction), cancelled);
    }
}
