package io.karafimages.core.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;

/** Strict binding of a JSON body to a skill's input record: codes and JSON paths of every kind of refusal. */
class InputBinderTest {
    enum Mode { FAST, CAREFUL }

    record Inner(@Field(required = true, allowed = { "x", "y" }) String kind, @Field(min = 0, max = 5) Integer n) {
    }

    record Sample(
            @Field(required = true, maxLength = 10) String name,
            @Field(minLength = 2) String tag,
            @Field(allowed = { "a", "b" }) String choice,
            @Field(min = 1, max = 10) Integer count,
            @Field(min = 0, max = 1) Double strength,
            @Field(maxItems = 2) List<String> labels,
            Mode mode,
            @Field(min = 0, code = "bad_seed") Long seed,
            Boolean flag,
            Inner inner,
            @Field(maxItems = 3) List<Inner> inners,
            ImageRef image,
            MaskRef mask) {
    }

    record Edit(@Field(required = true) ImageRef image, MaskRef mask) {
    }

    private static Map<String, Object> minimal() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "n");
        return m;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = minimal();
        m.put(key, value);
        return m;
    }

    private static ImagesException refused(Map<String, Object> json, Class<?> type) {
        ImagesException e = assertThrows(ImagesException.class, () -> InputBinder.bind(json, type));
        assertEquals(400, e.httpStatus(), e.getMessage());
        return e;
    }

    private static void assertRefused(String code, String pathInMessage, Map<String, Object> json) {
        ImagesException e = refused(json, Sample.class);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(pathInMessage), "the message names " + pathInMessage + ": "
                + e.getMessage());
    }

    @Test
    void bindsSnakeCaseFieldsToCamelCaseComponentsWithTheirTypes() {
        Map<String, Object> json = minimal();
        json.put("count", 3);
        json.put("strength", 1); // an integer is a valid number
        json.put("seed", 7);
        json.put("mode", "CAREFUL");
        json.put("flag", true);
        json.put("inner", Map.of("kind", "x", "n", 2));
        json.put("inners", List.of(Map.of("kind", "y")));
        json.put("image", Map.of("embed_id", "e1"));
        json.put("mask", Map.of("shapes", List.of(Map.of("type", "rect", "x", 0, "y", 0, "w", 0.5, "h", 0.5)),
                "feather", 4));
        Sample s = InputBinder.bind(json, Sample.class);
        assertEquals(Integer.valueOf(3), s.count());
        assertEquals(Double.valueOf(1.0), s.strength());
        assertEquals(Long.valueOf(7), s.seed());
        assertEquals(Mode.CAREFUL, s.mode());
        assertEquals(new Inner("x", 2), s.inner());
        assertEquals(List.of(new Inner("y", null)), s.inners());
        assertEquals(ImageRef.of("e1"), s.image(), "the record's own default (format original) applies");
        assertEquals(MaskRef.ofShapes(MaskShape.rect(0, 0, 0.5, 0.5)).shapes(), s.mask().shapes());
        assertEquals(4.0, s.mask().feather());
    }

    @Test
    void requiredFieldMissingNullOrBlankIsFieldRequired() {
        assertRefused("name_required", "$.name", new HashMap<>());
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        assertRefused("name_required", "$.name", nullName);
        assertRefused("name_required", "$.name", Map.of("name", " \t"));
    }

    @Test
    void constraintViolationsHaveTheirDerivedCodes() {
        assertRefused("name_too_long", "$.name", Map.of("name", "12345678901"));
        assertRefused("invalid_tag", "$.tag", with("tag", "t"));
        assertRefused("invalid_choice", "$.choice", with("choice", "c"));
        assertRefused("invalid_count", "$.count", with("count", 0));
        assertRefused("invalid_count", "$.count", with("count", 11));
        assertRefused("invalid_strength", "$.strength", with("strength", 1.01));
        assertRefused("invalid_labels", "$.labels", with("labels", List.of("a", "b", "c")));
        assertRefused("invalid_mode", "$.mode", with("mode", "LAZY"));
        assertRefused("bad_seed", "$.seed", with("seed", -1));
    }

    @Test
    void boundariesAreInclusiveAndLengthsCountCodePoints() {
        Map<String, Object> json = with("count", 10);
        json.put("strength", 0);
        json.put("labels", List.of("a", "b"));
        json.put("name", "\uD83E\uDD8A".repeat(10)); // ten foxes: 20 UTF-16 units, 10 code points
        json.put("tag", "ab");
        Sample s = InputBinder.bind(json, Sample.class);
        assertEquals(10, s.count());
        assertRefused("name_too_long", "$.name", Map.of("name", "\uD83E\uDD8A".repeat(11)));
    }

    @Test
    void wrongJsonTypesAreInvalidWithTheExpectedType() {
        assertRefused("invalid_name", "'$.name' must be a string", Map.of("name", 5));
        assertRefused("invalid_name", "$.name", Map.of("name", true));
        assertRefused("invalid_name", "$.name", Map.of("name", List.of("n")));
        assertRefused("invalid_count", "'$.count' must be an integer", with("count", "3"));
        assertRefused("invalid_count", "$.count", with("count", 2.5));
        assertRefused("invalid_strength", "'$.strength' must be a number", with("strength", "0.5"));
        assertRefused("invalid_flag", "'$.flag' must be true or false", with("flag", "true"));
        assertRefused("invalid_flag", "$.flag", with("flag", 1));
        assertRefused("invalid_labels", "$.labels", with("labels", "a"));
        assertRefused("invalid_inner", "'$.inner' must be an object", with("inner", "x"));
        assertRefused("bad_seed", "$.seed", with("seed", "7"));
        assertRefused("invalid_mode", "$.mode", with("mode", 0)); // an enum is a string, not its ordinal
    }

    @Test
    void unknownFieldsAreRefusedWithTheirPathAndTheAllowedNames() {
        assertRefused("unknown_field", "'$.nmae'", Map.of("name", "n", "nmae", "n"));
        ImagesException e = refused(Map.of("name", "n", "nmae", "n"), Sample.class);
        assertTrue(e.getMessage().contains("name") && e.getMessage().contains("strength"), e.getMessage());
        assertRefused("unknown_field", "'$.inner.z'", with("inner", Map.of("kind", "x", "z", 1)));
        assertRefused("unknown_field", "'$.inners[1].z'", with("inners", List.of(Map.of("kind", "x"),
                Map.of("kind", "x", "z", 1))));
    }

    @Test
    void nestedViolationsAreInvalidTopFieldWithTheFullPath() {
        assertRefused("invalid_inner", "'$.inner.kind' is required", with("inner", Map.of("n", 1)));
        assertRefused("invalid_inner", "'$.inner.kind'", with("inner", Map.of("kind", "z")));
        assertRefused("invalid_inners", "'$.inners[1].n'", with("inners", List.of(Map.of("kind", "x"),
                Map.of("kind", "x", "n", 6))));
        assertRefused("invalid_image", "'$.image.embed_id' is required", with("image", Map.of("format", "full")));
        assertRefused("invalid_image", "'$.image.format'", with("image", Map.of("embed_id", "e", "format", "webp")));
        assertRefused("invalid_mask", "'$.mask.shapes[0].x' must be from 0 to 1",
                with("mask", Map.of("shapes", List.of(Map.of("type", "rect", "x", 1.5)))));
        assertRefused("invalid_mask", "'$.mask.shapes[0].x' must be a number",
                with("mask", Map.of("shapes", List.of(Map.of("type", "rect", "x", "0.5")))));
        assertRefused("unknown_field", "'$.mask.shapes[0].z'",
                with("mask", Map.of("shapes", List.of(Map.of("type", "rect", "z", 1)))));
        assertRefused("invalid_mask", "'$.mask.shapes[0].type'",
                with("mask", Map.of("shapes", List.of(Map.of("type", "star")))));
        assertRefused("invalid_mask", "'$.mask.feather'", with("mask", Map.of("embed_id", "m", "feather", 300)));
    }

    @Test
    void tooManyShapesOrPointsAreRefused() {
        List<Object> shapes = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            shapes.add(Map.of("type", "rect"));
        }
        assertRefused("invalid_mask", "'$.mask.shapes'", with("mask", Map.of("shapes", shapes)));
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            points.add(List.of(0.5, 0.5));
        }
        assertRefused("invalid_mask", "'$.mask.shapes[0].points'",
                with("mask", Map.of("shapes", List.of(Map.of("type", "polygon", "points", points)))));
    }

    @Test
    void storedInputBindsBackToAnEqualRecord() {
        Edit edit = InputBinder.bind(Map.of("image", Map.of("embed_id", "e", "format", "full"), "mask",
                Map.of("shapes", List.of(Map.of("type", "polygon", "points", List.of(List.of(0, 0), List.of(1, 0),
                        List.of(0.5, 1)))), "feather", 2.5)), Edit.class);
        byte[] stored = InputBinder.write(edit);
        assertTrue(new String(stored, java.nio.charset.StandardCharsets.UTF_8).contains("\"embed_id\":\"e\""),
                "stored in snake_case like the request");
        assertEquals(edit, InputBinder.bind(stored, Edit.class));
    }

    @Test
    void anImagesExceptionFromTheRecordConstructorIsPassedOn() {
        record Range(Integer from, Integer to) {
            Range {
                if (from != null && to != null && from > to) {
                    throw ImagesException.invalid("invalid_range", "'from' must not be after 'to'.");
                }
            }
        }
        ImagesException e = refused(Map.of("from", 5, "to", 1), Range.class);
        assertEquals("invalid_range", e.code());
        assertEquals(new Range(1, 5), InputBinder.bind(Map.of("from", 1, "to", 5), Range.class));
    }

    @Test
    void aRecordWithAGetterStyleHelperBindsBackFromStorage() {
        // Skill authors add helpers to their input records; only the components are the stored input, or the
        // worker's strict bind of the stored JSON fails with unknown_field after the task was accepted.
        record Sized(@Field(required = true) String name) {
            public int getLength() {
                return name.length();
            }

            public boolean isShort() {
                return name.length() < 3;
            }
        }
        Sized in = InputBinder.bind(Map.of("name", "abcd"), Sized.class);
        assertEquals(in, InputBinder.bind(InputBinder.write(in), Sized.class));
    }

    @Test
    void aNullListItemIsAnInvalidFieldNotMalformedJson() {
        // The record's compact constructor copies the list (List.copyOf refuses null): the binder must still
        // name the field instead of calling a well-formed JSON object malformed.
        record Ids(@Field(maxItems = 3) List<String> ids) {
            Ids {
                ids = ids == null ? List.of() : List.copyOf(ids);
            }
        }
        ImagesException e = refused(Map.of("ids", Arrays.asList("a", null)), Ids.class);
        assertEquals("invalid_ids", e.code(), e.getMessage());
    }

    @Test
    void aNullItemInAListOfObjectsIsRefused() {
        // The schema promises items of type object; a null item would reach run() and fail there.
        Map<String, Object> json = new HashMap<>();
        json.put("name", "n");
        json.put("inners", Arrays.asList(Map.of("kind", "x"), null));
        ImagesException e = refused(json, Sample.class);
        assertEquals("invalid_inners", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("$.inners[1]"), e.getMessage());
    }
}
