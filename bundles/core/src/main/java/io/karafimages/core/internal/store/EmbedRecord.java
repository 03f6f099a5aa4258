package io.karafimages.core.internal.store;

import java.time.Instant;

import io.karafimages.api.EmbedStatus;

/**
 * An embed row: ciphertext plus the minimum needed to route.
 *
 * @param type what the embed holds: {@code image} (three rendition files) or a data type such as
 *        {@code search_results} (content only, no files)
 * @param keyBackend id of the {@link io.karafimages.spi.keys.KeyService} that wrapped {@code wrappedKey}
 * @param blobBackend id of the {@link io.karafimages.spi.storage.BlobStore} holding the files, {@code null}
 *        until finished
 * @param content the embed content JSON encrypted with the data key, {@code null} until finished
 */
public record EmbedRecord(String id, String ownerId, String type, EmbedStatus status, String keyBackend,
        String wrappedKey, String blobBackend, byte[] content, Instant createdAt, Instant updatedAt) {
    /** The type of embeds that hold an image and its renditions. */
    public static final String IMAGE = "image";


    public EmbedRecord finish(EmbedStatus newStatus, String newBlobBackend, byte[] newContent, Instant at) {
        return new EmbedRecord(id, ownerId, type, newStatus, keyBackend, wrappedKey, newBlobBackend, newContent,
                createdAt, at);
    }
}
