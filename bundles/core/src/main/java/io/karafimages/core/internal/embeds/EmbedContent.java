package io.karafimages.core.internal.embeds;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.spi.skill.SkillResult;

/** Builds the embed content document (API.md "Embed content"), which is stored encrypted. */
public final class EmbedContent {
    /** The content key of an image's perceptual hash: encrypted like the rest, never in the database in clear. */
    public static final String FINGERPRINT = "perceptual_hash";
    private EmbedContent() {
    }

    /**
     * @param digitalSourceType the IPTC URI the renditions were labelled with, or null when not AI-made
     * @param fingerprint the picture's perceptual hash (see {@code PerceptualHash})
     * @param provenance what the labels written into the files say ({@code Rendered.provenance()}), or null when
     *        no provenance writer ran: then the content has no {@code provenance} object
     */
    public static Map<String, Object> ofResult(String skill, SkillResult result, EmbedFiles.Stored stored,
            String keyBackend, String digitalSourceType, String fingerprint, Map<String, Object> provenance) {
        Map<String, Object> content = new LinkedHashMap<>(result.extra());
        content.putAll(common(stored, keyBackend));
        content.put(FINGERPRINT, fingerprint);
        content.put("skill", skill);
        content.put("source", result.source().isPresent() ? "edit" : "generated");
        result.prompt().ifPresent(p -> content.put("prompt", p));
        content.put("model", result.model());
        result.aspectRatio().ifPresent(r -> content.put("aspect_ratio", r));
        content.put("generated_at", result.generatedAt().toString());
        result.source().ifPresent(s -> {
            content.put("source_embed_id", s.embedId());
            content.put("parent_embed_id", s.embedId());
        });
        result.edit().ifPresent(e -> content.put("edit", e.action()));
        content.put("ai_generated", digitalSourceType != null);
        if (digitalSourceType != null) {
            content.put("digital_source_type", digitalSourceType);
        }
        content.put("cost", Map.of("usd", result.cost().usd(), "credits", result.cost().credits()));
        if (provenance != null) {
            content.put("provenance", provenance);
        }
        return content;
    }

    /**
     * A result without files (search results): the skill's fields, then the standard facts. Not an image, so no
     * AI labels apply; the model says who produced it.
     */
    public static Map<String, Object> ofData(String skill, SkillResult result, String keyBackend) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", result.type());
        content.putAll(result.extra());
        content.put("skill", skill);
        result.source().ifPresent(s -> content.put("source_embed_id", s.embedId()));
        content.put("model", result.model());
        content.put("generated_at", result.generatedAt().toString());
        content.put("encryption", Map.of("algorithm", "AES-256-GCM", "key_backend", keyBackend));
        content.put("cost", Map.of("usd", result.cost().usd(), "credits", result.cost().credits()));
        return content;
    }

    /**
     * An upload: not AI-made, no model, no cost; {@code provenance} says what the labels written into the files
     * say (null: no provenance writer ran).
     */
    public static Map<String, Object> ofUpload(String name, EmbedFiles.Stored stored, String keyBackend,
            Instant at, String fingerprint, Map<String, Object> provenance) {
        Map<String, Object> content = new LinkedHashMap<>(common(stored, keyBackend));
        content.put(FINGERPRINT, fingerprint);
        content.put("skill", "upload");
        content.put("source", "upload");
        if (name != null) {
            content.put("name", name);
        }
        content.put("uploaded_at", at.toString());
        content.put("ai_generated", false);
        if (provenance != null) {
            content.put("provenance", provenance);
        }
        return content;
    }

    private static Map<String, Object> common(EmbedFiles.Stored stored, String keyBackend) {
        Map<String, Object> files = new LinkedHashMap<>();
        stored.files().forEach((format, file) -> files.put(format.wireName(), file.toContent()));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", "image");
        content.put("files", files);
        content.put("encryption", Map.of("algorithm", "AES-256-GCM", "file_scheme", EnvelopeCrypto.FILE_SCHEME,
                "associated_data", "embed_id|format", "key_backend", keyBackend));
        return content;
    }

    public static Map<RenditionFormat, FileInfo> infos(EmbedFiles.Stored stored) {
        Map<RenditionFormat, FileInfo> infos = new EnumMap<>(RenditionFormat.class);
        stored.files().forEach((f, file) -> infos.put(f, file.info()));
        return infos;
    }
}
