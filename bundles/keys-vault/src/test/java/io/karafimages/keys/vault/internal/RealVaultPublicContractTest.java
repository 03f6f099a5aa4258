package io.karafimages.keys.vault.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;

/**
 * The public key service contract against a real Vault or OpenBao, only when the environment names one (see
 * {@link RealVaultContractTest}): VAULT_ADDR, VAULT_TOKEN and optionally VAULT_TRANSIT_MOUNT (default transit).
 */
class RealVaultPublicContractTest extends VaultPublicContract {
    @BeforeEach
    void requireARealVault() {
        assumeTrue(System.getenv("VAULT_ADDR") != null && System.getenv("VAULT_TOKEN") != null,
                "Real-Vault run of the public contract skipped: VAULT_ADDR and VAULT_TOKEN are not set (it ran "
                        + "against the Transit simulator in SimulatedVaultPublicContractTest)");
    }

    @Override
    VaultSettings settings() {
        return VaultSettings.withToken(System.getenv("VAULT_ADDR"), System.getenv("VAULT_TOKEN"))
                .mount(Optional.ofNullable(System.getenv("VAULT_TRANSIT_MOUNT")).orElse("transit"));
    }
}
