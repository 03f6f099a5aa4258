package io.karafimages.keys.vault.internal;

import java.time.Clock;
import java.util.Optional;

import io.karafimages.testsupport.TransitSimulator;

/** The Vault a contract run talks to: the simulator, or a real Vault named by the environment. */
interface VaultTarget {
    /** What only the simulator can do: seal on demand, count requests, move time. */
    record Simulated(TransitSimulator server, MutableClock clock) {
    }

    /** AppRole credentials that log in successfully. */
    record AppRole(String roleId, String secretId) {
    }

    String address();

    /** A token allowed to use the Transit mount (and read its keys, to check key creation). */
    String token();

    String mount();

    Clock clock();

    Optional<AppRole> appRole();

    Optional<Simulated> simulated();
}
