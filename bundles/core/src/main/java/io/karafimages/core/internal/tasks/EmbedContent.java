package io.karafimages.core.internal.tasks;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.embeds.EmbedFiles;
import io.karafimages.spi.skill.ImageOutput;
import io.karafimages.spi.skill.SkillResult;

/** Builds the embed content document (API.md "Embed content"), which is stored encrypted. */
final class EmbedContent {
    private EmbedContent() {
    }

    static Map<String, Object> of(String skill, SkillResult result, EmbedFiles.Stored stored, String keyBackend) {
        ImageOutput out = result.output();
        Map<String, Object> files = new LinkedHashMap<>();
        stored.files().forEach((format, file) -> files.put(format.wireName(), file.toContent()));
        Map<String, Object> content = new LinkedHashMap<>(out.extra());
        content.put("type", "image");
        content.put("skill", skill);
        content.put("files", files);
        content.put("encryption", Map.of("algorithm", "AES-256-GCM", "file_scheme", EnvelopeCrypto.FILE_SCHEME,
                "associated_data", "embed_id|format", "key_backend", keyBackend));
        putIfPresent(content, "prompt", out.prompt());
        content.put("model", out.model());
        putIfPresent(content, "aspect_ratio", out.aspectRatio());
        content.put("generated_at", out.generatedAt().toString());
        putIfPresent(content, "parent_embed_id", out.parentEmbedId());
        content.put("cost", Map.of("usd", out.cost().usd(), "credits", out.cost().credits()));
        return content;
    }

    static Map<RenditionFormat, FileInfo> infos(EmbedFiles.Stored stored) {
        Map<RenditionFormat, FileInfo> infos = new EnumMap<>(RenditionFormat.class);
        stored.files().forEach((f, file) -> infos.put(f, file.info()));
        return infos;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
