package io.karafimages.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedSummary;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.FileInfo;
import io.karafimages.api.SkillInfo;
import io.karafimages.api.Task;

/** The wire form (API.md) of the API's value types: snake_case, RFC 3339 UTC timestamps. */
final class Views {
    private Views() {
    }

    /**
     * @param embedType the type of a completed task's embed when it has no files ({@code search_results},
     *        {@code style}), else null
     */
    static Map<String, Object> task(Task t, String embedType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", t.taskId());
        m.put("skill", t.skill());
        m.put("status", t.status().wireName());
        m.put("progress", t.progress());
        m.put("estimated_finish_at", time(t.estimatedFinishAt()));
        m.put("created_at", time(t.createdAt()));
        m.put("updated_at", time(t.updatedAt()));
        m.put("embed_id", t.embedId());
        if (!t.files().isEmpty()) {
            Map<String, Object> files = new LinkedHashMap<>();
            t.files().forEach((format, info) -> files.put(format.wireName(), file(info)));
            m.put("result", Map.of("embed_id", t.embedId(), "files", files));
        } else if (embedType != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("embed_id", t.embedId());
            result.put("type", embedType);
            if (embedType.equals("style")) {
                result.put("style_id", t.embedId()); // a style is named by the embed that holds it
            }
            m.put("result", result);
        }
        t.errorIfAny().ifPresent(e -> m.put("error", Map.of("code", e.code(), "message", e.message(), "retryable",
                e.retryable())));
        return m;
    }

    static Map<String, Object> accepted(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", t.taskId());
        m.put("embed_id", t.embedId());
        m.put("status", t.status().wireName());
        m.put("estimated_finish_at", time(t.estimatedFinishAt()));
        m.put("links", Map.of("task", "/v1/tasks/" + t.taskId(), "embed", "/v1/embeds/" + t.embedId()));
        return m;
    }

    static Map<String, Object> embed(Embed e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("embed_id", e.embedId());
        m.put("type", e.type());
        m.put("status", e.status().wireName());
        m.put("encryption_mode", e.encryptionMode());
        m.put("created_at", time(e.createdAt()));
        m.put("updated_at", time(e.updatedAt()));
        return m;
    }

    /**
     * A list item of {@code GET /v1/embeds}: the embed as {@code GET /v1/embeds/{id}} shows it, and, once finished,
     * what made it and its preview's size (from its decrypted content; absent fields are omitted).
     */
    static Map<String, Object> embed(EmbedSummary s) {
        Map<String, Object> m = embed(s.embed());
        putIfPresent(m, "skill", s.skill());
        putIfPresent(m, "source", s.source());
        putIfPresent(m, "prompt", s.prompt());
        putIfPresent(m, "model", s.model());
        putIfPresent(m, "name", s.name());
        putIfPresent(m, "parent_embed_id", s.parentEmbedId());
        s.previewIfAny().ifPresent(p -> m.put("preview", file(p)));
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** {@code {"items": [...], "next_cursor": null | "..."}}. */
    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(view).toList());
        m.put("next_cursor", page.nextCursor());
        return m;
    }

    /** A list's {@code limit} query parameter: absent means the default; anything but 1..100 is refused. */
    static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Page.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= Page.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ImagesException.invalid(ErrorCodes.INVALID_LIMIT,
                "'limit' must be a whole number between 1 and " + Page.MAX_LIMIT + ".");
    }

    static Map<String, Object> skill(SkillInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("description", s.description());
        m.put("async", s.async());
        m.put("cost", Map.of("usd", s.cost().usd(), "credits", s.cost().credits()));
        m.put("input_schema", s.inputSchema());
        m.put("providers", s.providers());
        return m;
    }

    static Map<String, Object> file(FileInfo f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", f.width());
        m.put("height", f.height());
        m.put("size_bytes", f.sizeBytes());
        m.put("format", f.format());
        m.put("mime", f.mime());
        return m;
    }

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}
