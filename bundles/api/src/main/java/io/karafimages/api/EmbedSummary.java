package io.karafimages.api;

import java.util.Optional;

/**
 * An embed as a list shows it: its routing facts and, once finished, what made it and the size of its preview,
 * read from its decrypted content. Every field but {@code embed} may be {@code null}: while processing, for a
 * data embed (no files), for an upload (no prompt, no model) or when the content could not be read.
 *
 * @param skill the skill that made it ({@code upload} for an upload)
 * @param source {@code generated}, {@code edit} or {@code upload}
 * @param name an upload's file name
 * @param parentEmbedId the embed an edit started from (which may have been deleted since)
 * @param preview the preview rendition's facts (dimensions, size, format)
 * @since 1.5
 */
public record EmbedSummary(Embed embed, String skill, String source, String prompt, String model, String name,
        String parentEmbedId, FileInfo preview) {

    /** A summary with nothing but the routing facts. */
    public static EmbedSummary of(Embed embed) {
        return new EmbedSummary(embed, null, null, null, null, null, null, null);
    }

    public Optional<FileInfo> previewIfAny() {
        return Optional.ofNullable(preview);
    }
}
