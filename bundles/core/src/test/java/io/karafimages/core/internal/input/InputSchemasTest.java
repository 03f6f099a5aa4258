package io.karafimages.core.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.skills.GenerateSkill;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;

/** The listing's JSON Schema, generated from the record components and their {@link Field} annotations. */
class InputSchemasTest {
    enum Mode { FAST, CAREFUL }

    record Edit(
            @Field(required = true, description = "The picture") ImageRef image,
            MaskRef mask,
            @Field(min = 0, max = 1, defaultValue = "0.5") Double strength,
            @Field(required = true, maxLength = 100) String prompt,
            Mode mode,
            Long seed,
            @Field(defaultValue = "false") Boolean vector,
            List<String> tags) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> schema, String... path) {
        Map<String, Object> m = schema;
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    @Test
    void describesTypesConstraintsDefaultsAndNesting() {
        Map<String, Object> s = InputSchemas.of(Edit.class);
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema"));
        assertEquals("object", s.get("type"));
        assertEquals(false, s.get("additionalProperties"));
        assertEquals(List.of("image", "prompt"), s.get("required"));
        assertEquals(List.of("image", "mask", "strength", "prompt", "mode", "seed", "vector", "tags"),
                List.copyOf(at(s, "properties").keySet()), "snake_case, in declaration order");

        Map<String, Object> image = at(s, "properties", "image");
        assertEquals("The picture", image.get("description"));
        assertEquals(false, image.get("additionalProperties"));
        assertEquals(List.of("embed_id"), image.get("required"));
        assertEquals(Map.of("type", "string", "minLength", 1, "description",
                "An embed you own (a generated image or an upload)"), at(image, "properties", "embed_id"));
        assertEquals(List.of("original", "full"), at(image, "properties", "format").get("enum"));

        Map<String, Object> shape = at(s, "properties", "mask", "properties", "shapes", "items");
        assertEquals(List.of("type"), shape.get("required"));
        assertEquals(List.of("rect", "ellipse", "polygon", "stroke"), at(shape, "properties", "type").get("enum"));
        assertEquals(Map.of("type", "array", "items", Map.of("type", "number")),
                at(shape, "properties", "points", "items"));
        assertEquals(256L, at(s, "properties", "mask", "properties", "feather").get("maximum"));
        assertEquals(200, at(s, "properties", "mask", "properties", "shapes").get("maxItems"));

        assertEquals(Map.of("type", "number", "minimum", 0L, "maximum", 1L, "default", 0.5),
                at(s, "properties", "strength"));
        assertEquals(Map.of("type", "string", "minLength", 1, "maxLength", 100), at(s, "properties", "prompt"));
        assertEquals(Map.of("type", "string", "enum", List.of("FAST", "CAREFUL")), at(s, "properties", "mode"));
        assertEquals(Map.of("type", "integer"), at(s, "properties", "seed"));
        assertEquals(Map.of("type", "boolean", "default", false), at(s, "properties", "vector"));
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string")), at(s, "properties", "tags"));
    }

    @Test
    void generateInputSchema() {
        Map<String, Object> s = InputSchemas.of(new GenerateSkill(new ProviderRegistry(), null, null).inputType());
        assertEquals(List.of("prompt"), s.get("required"));
        assertEquals(List.of("prompt", "model", "draft", "aspect_ratio", "style_id", "reference_embed_ids"),
                List.copyOf(at(s, "properties").keySet()));
        assertEquals(4000, at(s, "properties", "prompt").get("maxLength"));
        assertEquals("1:1", at(s, "properties", "aspect_ratio").get("default"));
        assertEquals(8, ((List<?>) at(s, "properties", "aspect_ratio").get("enum")).size());
        assertEquals(4, at(s, "properties", "reference_embed_ids").get("maxItems"));
        assertFalse(at(s, "properties", "model").containsKey("enum"), "models come and go: checked by normalize");
    }
}
