package io.karafimages.core.internal.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;

/** Wraps data keys with AES-GCM under one in-memory key, bound to the user id. */
public final class TestKeyService implements KeyService {
    private final byte[] kek = new byte[32];
    private final String id;

    public TestKeyService(String id) {
        this.id = id;
        new SecureRandom().nextBytes(kek);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DataKey newDataKey(String userId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new DataKey(key, id + ":" + Base64.getEncoder().encodeToString(
                EnvelopeCrypto.seal(kek, key, userId.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public byte[] unwrap(String userId, String wrapped) {
        return EnvelopeCrypto.open(kek, Base64.getDecoder().decode(wrapped.substring(id.length() + 1)),
                userId.getBytes(StandardCharsets.UTF_8));
    }
}
