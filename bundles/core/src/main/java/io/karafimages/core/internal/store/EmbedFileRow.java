package io.karafimages.core.internal.store;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;

/**
 * Routing data of one stored rendition, kept in the clear next to the encrypted embed content (API.md "Embed
 * content": the minimum needed to route): where the ciphertext is and what the plaintext's headers are. Nothing in it
 * says anything about the picture's subject. Immutable once written: a file is never rewritten in place.
 *
 * @param objectKey the opaque object key in the embed's blob backend
 * @param info size, dimensions, file format and media type of the plaintext
 * @param etag a strong entity tag (unquoted), derived from the object key, so it needs no key to compute
 */
public record EmbedFileRow(String embedId, RenditionFormat format, String objectKey, FileInfo info, String etag) {
}
