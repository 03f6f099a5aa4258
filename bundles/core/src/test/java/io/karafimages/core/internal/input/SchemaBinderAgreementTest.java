package io.karafimages.core.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.skills.GenerateSkill;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;

/**
 * The listing's schema and the binder must tell the same story: from the generated JSON Schema alone, derive one
 * violating body per constraint (and per JSON type) and check that the binder refuses each with the code the
 * {@link Field} contract names, and derive bodies at every boundary and check that the binder accepts them.
 */
class SchemaBinderAgreementTest {
    enum Mode { FAST, CAREFUL }

    record Inner(@Field(required = true, allowed = { "x", "y" }) String kind, @Field(min = 0, max = 5) Integer n) {
    }

    /** One component per kind of constraint, plus nesting in objects and in lists of objects. */
    record Sample(
            @Field(required = true, maxLength = 10) String name,
            @Field(minLength = 2, maxLength = 4) String tag,
            @Field(allowed = { "a", "b" }) String choice,
            @Field(min = 1, max = 10) Integer count,
            @Field(min = -0.5, max = 1.5) Double strength,
            @Field(maxItems = 2) List<String> labels,
            Mode mode,
            @Field(min = 0, code = "bad_seed") Long seed,
            Boolean flag,
            @Field(required = true) Inner inner,
            @Field(maxItems = 3) List<Inner> inners,
            ImageRef image,
            MaskRef mask) {
    }

    record Counted(@Field(min = 0) int count, @Field(required = true) int level) {
    }

    private static final Map<String, String> CODE_OVERRIDES = Map.of("seed", "bad_seed");

    enum Kind { REQUIRED, MAX_LENGTH, MIN_LENGTH, ENUM, MINIMUM, MAXIMUM, MAX_ITEMS, TYPE, ADDITIONAL }

    /** A body that breaks one constraint of the schema at {@code where}. */
    record Violation(Class<?> type, String where, Kind kind, String top, boolean nested, boolean requiredString,
            Map<String, Object> body) {
        String expectedCode() {
            if (kind == Kind.ADDITIONAL) {
                return "unknown_field";
            }
            if (CODE_OVERRIDES.containsKey(top)) {
                return CODE_OVERRIDES.get(top);
            }
            if (nested) {
                return "invalid_" + top;
            }
            return switch (kind) {
                case REQUIRED -> top + "_required";
                case MAX_LENGTH -> top + "_too_long";
                case MIN_LENGTH -> requiredString ? top + "_required" : "invalid_" + top;
                default -> "invalid_" + top;
            };
        }

        @Override
        public String toString() {
            return type.getSimpleName() + " " + kind + " at " + where;
        }
    }

    static Class<?> generateInput() {
        return new GenerateSkill(new ProviderRegistry(), null, null).inputType();
    }

    static Stream<Violation> violations() {
        return Stream.of(Sample.class, generateInput()).flatMap(t -> {
            List<Violation> out = new ArrayList<>();
            objectViolations(t, InputSchemas.of(t), "$", null, out, (top, v) -> v);
            return out.stream();
        });
    }

    static Stream<Object[]> boundaries() {
        return Stream.of(Sample.class, generateInput()).flatMap(t -> {
            Map<String, Object> schema = InputSchemas.of(t);
            List<Object[]> out = new ArrayList<>();
            properties(schema).forEach((name, p) -> boundaryValues(p).forEach(v -> {
                Map<String, Object> body = minimal(schema);
                body.put(name, v);
                out.add(new Object[] { t, name + " = " + abbreviate(v), body });
            }));
            return out.stream();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void theBinderRefusesWhatTheSchemaForbids(Violation v) {
        try {
            Object bound = InputBinder.bind(v.body(), v.type());
            fail("the schema forbids " + v + " but the binder accepted " + bound);
        } catch (ImagesException e) {
            assertEquals(400, e.httpStatus(), e.getMessage());
            assertEquals(v.expectedCode(), e.code(), v + ": " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("boundaries")
    void theBinderAcceptsWhatTheSchemaAllowsAtEveryBoundary(Class<?> type, String what, Map<String, Object> body) {
        InputBinder.bind(body, type);
    }

    @Test
    void aMinimalValidBodyFromTheSchemaIsAccepted() {
        for (Class<?> type : List.of(Sample.class, generateInput())) {
            Map<String, Object> body = minimal(InputSchemas.of(type));
            assertEquals(type, InputBinder.bind(body, type).getClass());
        }
        assertEquals(Map.of("prompt", "a"), minimal(InputSchemas.of(generateInput())));
    }

    @Test
    void everyKindOfConstraintWasExercised() {
        assertEquals(java.util.EnumSet.allOf(Kind.class), violations().map(Violation::kind)
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(Kind.class))));
        List<Kind> generate = violations().filter(v -> v.type() == generateInput()).map(Violation::kind).toList();
        for (Kind k : List.of(Kind.REQUIRED, Kind.MAX_LENGTH, Kind.ENUM, Kind.MAX_ITEMS, Kind.ADDITIONAL)) {
            assertTrue(generate.contains(k), "GenerateInput has a " + k + " case");
        }
    }

    @Test
    void anOmittedPrimitiveIsTreatedAlikeByTheSchemaAndTheBinder() {
        // A primitive cannot be null: either the schema lists it as required, or the binder accepts its absence.
        List<?> required = (List<?>) InputSchemas.of(Counted.class).getOrDefault("required", List.of());
        for (String name : List.of("count", "level")) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("count", 1, "level", 1));
            body.remove(name);
            boolean refused;
            try {
                InputBinder.bind(body, Counted.class);
                refused = false;
            } catch (ImagesException e) {
                refused = true;
            }
            assertEquals(required.contains(name), refused, "'" + name + "': schema required=" + required
                    + ", binder refused its absence=" + refused);
        }
    }

    // ---- deriving bodies from a schema -------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        return (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
    }

    private static List<?> required(Map<String, Object> schema) {
        return (List<?>) schema.getOrDefault("required", List.of());
    }

    /**
     * @param top the top-level field, null at the root
     * @param wrap turns a value for this object into a whole body
     */
    private static void objectViolations(Class<?> type, Map<String, Object> schema, String path, String top,
            List<Violation> out, WrapValue wrap) {
        Map<String, Object> minimal = minimal(schema);
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            Map<String, Object> o = new LinkedHashMap<>(minimal);
            o.put("zz_unknown", 1);
            out.add(new Violation(type, path + ".zz_unknown", Kind.ADDITIONAL, top == null ? "zz_unknown" : top,
                    top != null, false, rootBody(wrap, top, o)));
        }
        for (Object r : required(schema)) {
            Map<String, Object> o = new LinkedHashMap<>(minimal);
            o.remove(r);
            String t = top == null ? (String) r : top;
            out.add(new Violation(type, path + "." + r, Kind.REQUIRED, t, top != null, false, rootBody(wrap, t, o)));
        }
        properties(schema).forEach((name, p) -> {
            String t = top == null ? name : top;
            boolean requiredString = required(schema).contains(name) && "string".equals(p.get("type"));
            WrapValue inObject = (tt, v) -> {
                Map<String, Object> o = new LinkedHashMap<>(minimal);
                o.put(name, v);
                return wrap.apply(tt, o);
            };
            valueViolations(type, p, path + "." + name, t, top != null, requiredString, out, inObject);
        });
    }

    /** Turns the value at some depth into the whole body. */
    private interface WrapValue {
        Object apply(String top, Object value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rootBody(WrapValue wrap, String top, Object value) {
        return (Map<String, Object>) wrap.apply(top, value);
    }

    @SuppressWarnings("unchecked")
    private static void valueViolations(Class<?> type, Map<String, Object> p, String path, String top,
            boolean nested, boolean requiredString, List<Violation> out, WrapValue wrap) {
        String jsonType = (String) p.get("type");
        java.util.function.BiConsumer<Kind, Object> add = (kind, v) -> out.add(new Violation(type, path, kind, top,
                nested, requiredString, rootBody(wrap, top, v)));
        if (p.get("maxLength") instanceof Number n) {
            add.accept(Kind.MAX_LENGTH, "a".repeat(n.intValue() + 1));
        }
        if (p.get("minLength") instanceof Number n) {
            add.accept(Kind.MIN_LENGTH, "a".repeat(n.intValue() - 1));
        }
        if (p.get("enum") instanceof List<?>) {
            add.accept(Kind.ENUM, "zz-not-allowed");
        }
        if (p.get("minimum") instanceof Number n) {
            add.accept(Kind.MINIMUM, number(jsonType, n.doubleValue() - 1));
        }
        if (p.get("maximum") instanceof Number n) {
            add.accept(Kind.MAXIMUM, number(jsonType, n.doubleValue() + 1));
        }
        if (p.get("maxItems") instanceof Number n) {
            add.accept(Kind.MAX_ITEMS, Collections.nCopies(n.intValue() + 1, valid((Map<String, Object>) p.get(
                    "items"))));
        }
        for (Object wrong : wrongTypes(jsonType)) {
            add.accept(Kind.TYPE, wrong);
        }
        if ("object".equals(jsonType)) {
            objectViolations(type, p, path, top, out, wrap);
        } else if ("array".equals(jsonType)) {
            Map<String, Object> items = (Map<String, Object>) p.get("items");
            valueViolations(type, items, path + "[0]", top, true, false, out, (t, v) -> wrap.apply(t, List.of(v)));
        }
    }

    private static List<Object> wrongTypes(String jsonType) {
        return switch (jsonType) {
            case "string" -> List.of(0, true, List.of("a"));
            case "integer" -> List.of("1", 1.5, true);
            case "number" -> List.of("1", true);
            case "boolean" -> List.of("true", 1);
            case "array" -> List.of("a", Map.of());
            case "object" -> List.of("a", 1, List.of());
            default -> List.of();
        };
    }

    private static Object number(String jsonType, double d) {
        return "integer".equals(jsonType) ? (Object) (long) d : (Object) d;
    }

    /** The smallest body the schema allows: its required properties with their smallest valid values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> minimal(Map<String, Object> schema) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (Object r : required(schema)) {
            o.put((String) r, valid(properties(schema).get(r)));
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Object valid(Map<String, Object> p) {
        return switch ((String) p.get("type")) {
            case "string" -> p.get("enum") instanceof List<?> l ? l.get(0)
                    : "a".repeat(Math.max(1, p.get("minLength") instanceof Number n ? n.intValue() : 1));
            case "integer" -> (long) inRange(p);
            case "number" -> inRange(p);
            case "boolean" -> false;
            case "array" -> List.of();
            default -> minimal(p);
        };
    }

    private static double inRange(Map<String, Object> p) {
        double lo = p.get("minimum") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
        double hi = p.get("maximum") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
        return Math.min(Math.max(0, lo), hi);
    }

    /** Values exactly at each limit, and every allowed value. */
    @SuppressWarnings("unchecked")
    private static List<Object> boundaryValues(Map<String, Object> p) {
        List<Object> out = new ArrayList<>();
        String jsonType = (String) p.get("type");
        if (p.get("maxLength") instanceof Number n) {
            out.add("a".repeat(n.intValue()));
        }
        if (p.get("minLength") instanceof Number n) {
            out.add("a".repeat(n.intValue()));
        }
        if (p.get("enum") instanceof List<?> values) {
            out.addAll(values);
        }
        if (p.get("minimum") instanceof Number n) {
            out.add(number(jsonType, n.doubleValue()));
        }
        if (p.get("maximum") instanceof Number n) {
            out.add(number(jsonType, n.doubleValue()));
        }
        if (p.get("maxItems") instanceof Number n) {
            out.add(Collections.nCopies(n.intValue(), valid((Map<String, Object>) p.get("items"))));
        }
        out.add(valid(p));
        return out;
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
