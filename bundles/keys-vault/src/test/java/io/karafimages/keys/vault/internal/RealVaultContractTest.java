package io.karafimages.keys.vault.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;

/**
 * The same contract against a real Vault or OpenBao, only when the environment names one: VAULT_ADDR and
 * VAULT_TOKEN (a token that may use the Transit mount and read its keys), optionally VAULT_TRANSIT_MOUNT
 * (default transit) and VAULT_ROLE_ID / VAULT_SECRET_ID for the AppRole scenarios.
 */
class RealVaultContractTest extends VaultKeyServiceContract {
    @BeforeEach
    void requireARealVault() {
        assumeTrue(System.getenv("VAULT_ADDR") != null && System.getenv("VAULT_TOKEN") != null,
                "Real-Vault contract run skipped: VAULT_ADDR and VAULT_TOKEN are not set (the same scenarios ran "
                        + "against the Transit simulator in SimulatedVaultContractTest)");
    }

    @Override
    VaultTarget target() {
        return new VaultTarget() {
            @Override
            public String address() {
                return System.getenv("VAULT_ADDR");
            }

            @Override
            public String token() {
                return System.getenv("VAULT_TOKEN");
            }

            @Override
            public String mount() {
                return Optional.ofNullable(System.getenv("VAULT_TRANSIT_MOUNT")).orElse("transit");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public Optional<AppRole> appRole() {
                String roleId = System.getenv("VAULT_ROLE_ID");
                String secretId = System.getenv("VAULT_SECRET_ID");
                return roleId == null || secretId == null ? Optional.empty()
                        : Optional.of(new AppRole(roleId, secretId));
            }

            @Override
            public Optional<Simulated> simulated() {
                return Optional.empty();
            }
        };
    }
}
