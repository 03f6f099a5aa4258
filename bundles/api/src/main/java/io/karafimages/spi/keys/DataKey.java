package io.karafimages.spi.keys;

import java.util.Arrays;

/**
 * A fresh 256-bit data key and its wrapped form. {@link #close()} wipes the plaintext copy.
 *
 * @param wrapped the key wrapped by the owner's key-encryption key; the only form ever stored
 */
public record DataKey(byte[] plaintext, String wrapped) implements AutoCloseable {
    @Override
    public void close() {
        Arrays.fill(plaintext, (byte) 0);
    }
}
