package io.karafimages.api;

import java.time.Instant;

/** The routing facts of an embed; its content is only available decrypted through {@link EmbedService}. */
public record Embed(String embedId, String ownerId, String type, EmbedStatus status, String encryptionMode,
        Instant createdAt, Instant updatedAt) {
}
