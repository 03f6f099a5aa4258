package io.karafimages.keys.local.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;

import io.karafimages.spi.keys.KeyService;
import io.karafimages.testkit.KeyServiceContract;

/**
 * The public key service contract of the testkit, on local keys in a fresh temporary directory per test; the
 * second instance reads the same directory, as the service does after a restart.
 */
class LocalKeyServiceContractTest extends KeyServiceContract {
    @TempDir
    Path dir;

    @Override
    protected KeyService keys() {
        return new LocalKeyService(dir);
    }

    @Override
    protected Optional<KeyService> secondInstance(KeyService first) {
        return Optional.of(new LocalKeyService(dir));
    }
}
