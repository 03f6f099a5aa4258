package io.karafimages.api;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Reads a user's embeds, decrypting on the fly. Another user's embed is reported as absent. */
@ProviderType
public interface EmbedService {
    Optional<Embed> find(String userId, String embedId);

    /**
     * The decrypted embed content as a JSON object tree, without key material.
     *
     * @throws ImagesException 404 when absent, 409 {@code embed_not_ready} while processing
     */
    Map<String, Object> content(String userId, String embedId);

    /**
     * One rendition of a finished embed.
     *
     * @throws ImagesException 404 when absent, 409 {@code embed_not_ready} while processing
     */
    EmbedFile file(String userId, String embedId, RenditionFormat format);

    /**
     * Stores an uploaded image as a finished embed of the user (source {@code upload}): private metadata is
     * stripped, the EXIF orientation applied, an existing C2PA manifest kept as the parent of ours; it is not
     * labelled AI-made. Nothing is stored when this throws.
     *
     * @param name an optional file name, kept (encrypted) in the embed content
     * @throws ImagesException 400 {@code unsupported_image}, 400 {@code image_too_large}
     */
    Embed upload(String userId, byte[] image, String mediaType, String name);

    /**
     * The user's embeds, newest first (by creation time, ties broken by id), {@code limit} at a time.
     *
     * @param limit 1..{@link Page#MAX_LIMIT}
     * @param cursor {@code null} for the first page, else a {@link Page#nextCursor()} of this list
     * @throws ImagesException 400 {@code invalid_limit}, 400 {@code invalid_cursor}
     * @since 1.5
     */
    Page<EmbedSummary> list(String userId, int limit, String cursor);

    /**
     * Deletes one of the user's embeds for good: a queued or running task for it is cancelled first, then every
     * stored file is deleted, the wrapped data key destroyed and the rows removed, so that nothing left can be
     * decrypted. Deleting an embed the user already deleted does nothing (idempotent). Charges stay.
     *
     * @throws ImagesException 404 when it never existed or belongs to somebody else, 503 when storage or the key
     *         service cannot be reached (nothing is lost: call again)
     * @since 1.5
     */
    void delete(String userId, String embedId);
}
