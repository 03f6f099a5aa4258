package io.karafimages.keys.vault.internal;

import java.io.IOException;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.karafimages.testsupport.TransitSimulator;

/** The public key service contract against the {@link TransitSimulator} of test-support (NOT a real Vault). */
class SimulatedVaultPublicContractTest extends VaultPublicContract {
    private static TransitSimulator simulator;

    @BeforeAll
    static void startSimulator() throws IOException {
        simulator = new TransitSimulator(Clock.systemUTC(), "transit");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    VaultSettings settings() {
        return VaultSettings.withToken(simulator.address(), TransitSimulator.ROOT_TOKEN).mount("transit");
    }
}
