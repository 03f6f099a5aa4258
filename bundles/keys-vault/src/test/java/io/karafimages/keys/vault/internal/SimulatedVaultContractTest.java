package io.karafimages.keys.vault.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.karafimages.testsupport.TransitSimulator;

/** The Vault contract against the {@link TransitSimulator} of test-support (NOT a real Vault); runs on every build. */
class SimulatedVaultContractTest extends VaultKeyServiceContract {
    private static MutableClock clock;
    private static TransitSimulator simulator;

    @BeforeAll
    static void startSimulator() throws IOException {
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        simulator = new TransitSimulator(clock, "transit");
        simulator.addAppRole("images-role", "images-secret", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    VaultTarget target() {
        return new VaultTarget() {
            @Override
            public String address() {
                return simulator.address();
            }

            @Override
            public String token() {
                return TransitSimulator.ROOT_TOKEN;
            }

            @Override
            public String mount() {
                return "transit";
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Optional<AppRole> appRole() {
                return Optional.of(new AppRole("images-role", "images-secret"));
            }

            @Override
            public Optional<Simulated> simulated() {
                return Optional.of(new Simulated(simulator, clock));
            }
        };
    }
}
