package io.karafimages.spi.store;

import java.time.Instant;

import io.karafimages.api.EmbedStatus;

/**
 * An embed row: ciphertext plus the minimum needed to route.
 *
 * @param keyBackend id of the {@link io.karafimages.spi.keys.KeyService} that wrapped {@code wrappedKey}
 * @param blobBackend id of the {@link io.karafimages.spi.storage.BlobStore} holding the files, {@code null}
 *        until finished
 * @param content the embed content JSON encrypted with the data key, {@code null} until finished
 */
public record EmbedRecord(String id, String ownerId, EmbedStatus status, String keyBackend, String wrappedKey,
        String blobBackend, byte[] content, Instant createdAt, Instant updatedAt) {

    public EmbedRecord finish(EmbedStatus newStatus, String newBlobBackend, byte[] newContent, Instant at) {
        return new EmbedRecord(id, ownerId, newStatus, keyBackend, wrappedKey, newBlobBackend, newContent, createdAt,
                at);
    }
}
