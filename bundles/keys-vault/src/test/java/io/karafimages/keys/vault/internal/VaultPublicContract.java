package io.karafimages.keys.vault.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;

import io.karafimages.spi.keys.KeyService;
import io.karafimages.testkit.KeyServiceContract;

/**
 * The testkit's public {@link KeyServiceContract}, the one third-party key services extend, run against a Vault
 * that a subclass names. The Vault-specific scenarios (sealing, AppRole, cache, content encryption) stay in
 * {@link VaultKeyServiceContract}.
 */
abstract class VaultPublicContract extends KeyServiceContract {
    private final List<VaultKeyService> opened = new ArrayList<>();

    /** Token settings for the Vault under test. */
    abstract VaultSettings settings();

    @AfterEach
    void closeServices() {
        opened.forEach(VaultKeyService::close);
        opened.clear();
    }

    @Override
    protected KeyService keys() {
        return open();
    }

    /** A second service with a cache of its own: what it unwraps comes from Vault. */
    @Override
    protected Optional<KeyService> secondInstance(KeyService first) {
        return Optional.of(open());
    }

    private VaultKeyService open() {
        VaultKeyService service = new VaultKeyService(settings(), Clock.systemUTC());
        opened.add(service);
        return service;
    }
}
