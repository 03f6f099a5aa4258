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
}
