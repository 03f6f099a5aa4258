package io.karafimages.core.internal.skills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ImagesException;

/** The validated body of a {@code generate} request. */
record GenerateInput(String prompt, String model, boolean draft, AspectRatio aspectRatio,
        List<String> referenceEmbedIds) {
    static final int MAX_PROMPT = 4000;
    static final int MAX_REFERENCES = 4;
    private static final Set<String> FIELDS = Set.of("prompt", "model", "draft", "aspect_ratio", "style_id",
            "reference_embed_ids");

    static GenerateInput parse(Map<String, Object> in) {
        for (String field : in.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ImagesException.invalid("unknown_field", "Unknown field '" + field + "'; generate accepts "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
            }
        }
        if (!(in.get("prompt") instanceof String prompt) || prompt.isBlank()) {
            throw ImagesException.invalid("prompt_required", "'prompt' must be a non-empty string.");
        }
        if (prompt.codePointCount(0, prompt.length()) > MAX_PROMPT) {
            throw ImagesException.invalid("prompt_too_long",
                    "'prompt' has " + prompt.codePointCount(0, prompt.length()) + " characters; at most "
                            + MAX_PROMPT + " are allowed.");
        }
        Object model = in.get("model");
        if (model != null && !(model instanceof String)) {
            throw ImagesException.invalid("invalid_model", "'model' must be a string.");
        }
        Object draft = in.getOrDefault("draft", Boolean.FALSE);
        if (!(draft instanceof Boolean)) {
            throw ImagesException.invalid("invalid_draft", "'draft' must be true or false.");
        }
        Object ratio = in.getOrDefault("aspect_ratio", "1:1");
        AspectRatio aspectRatio = ratio instanceof String s ? AspectRatio.parse(s).orElse(null) : null;
        if (aspectRatio == null) {
            throw ImagesException.invalid("invalid_aspect_ratio", "'aspect_ratio' must be one of "
                    + String.join(", ", java.util.Arrays.stream(AspectRatio.values()).map(AspectRatio::wireName)
                            .toList()) + ".");
        }
        if (in.get("style_id") != null) {
            throw ImagesException.invalid("style_not_supported",
                    "'style_id' needs a provider with styles (Recraft), which is not installed.");
        }
        return new GenerateInput(prompt, (String) model, (Boolean) draft, aspectRatio, references(in));
    }

    private static List<String> references(Map<String, Object> in) {
        Object refs = in.get("reference_embed_ids");
        if (refs == null) {
            return List.of();
        }
        if (!(refs instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw ImagesException.invalid("invalid_reference", "'reference_embed_ids' must be a list of embed ids.");
        }
        if (list.size() > MAX_REFERENCES) {
            throw ImagesException.invalid("too_many_references",
                    "At most " + MAX_REFERENCES + " reference images are allowed.");
        }
        List<String> ids = new ArrayList<>();
        list.forEach(o -> ids.add((String) o));
        return ids;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt", prompt);
        if (model != null) {
            m.put("model", model);
        }
        m.put("draft", draft);
        m.put("aspect_ratio", aspectRatio.wireName());
        m.put("reference_embed_ids", referenceEmbedIds);
        return m;
    }
}
