package io.karafimages.core.internal.skills;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.karafimages.api.AspectRatio;

/** The JSON Schema of the generate request body, as the skills listing shows it. */
final class GenerateSchema {
    static final Map<String, Object> SCHEMA = Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "additionalProperties", false,
            "required", List.of("prompt"),
            "properties", Map.of(
                    "prompt", Map.of("type", "string", "minLength", 1, "maxLength", GenerateInput.MAX_PROMPT),
                    "model", Map.of("type", "string", "description", "A model id; default: by 'draft'"),
                    "draft", Map.of("type", "boolean", "default", false),
                    "aspect_ratio", Map.of("type", "string", "default", "1:1", "enum",
                            Arrays.stream(AspectRatio.values()).map(AspectRatio::wireName).toList()),
                    "style_id", Map.of("type", "string", "description", "Needs a provider with styles"),
                    "reference_embed_ids", Map.of("type", "array", "maxItems", GenerateInput.MAX_REFERENCES,
                            "items", Map.of("type", "string"))));

    private GenerateSchema() {
    }
}
