package io.karafimages.core.internal.store;

import io.karafimages.api.EmbedStatus;

/**
 * What one download needs, read in one query: the embed's owner, state, key and backend, and the routing row of the
 * requested rendition.
 *
 * @param file the rendition's routing row; {@code null} when the embed has none for that format (not finished, not
 *        an image, or finished before routing rows were written: see {@link EmbedRepository#putEmbedFiles})
 */
public record FileRoute(String embedId, String ownerId, String type, EmbedStatus status, String keyBackend,
        String wrappedKey, String blobBackend, EmbedFileRow file) {
}
