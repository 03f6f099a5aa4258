package io.karafimages.core.internal.input;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.spi.skill.Field;

/**
 * Generates the JSON Schema (draft 2020-12) of a skill's input type from its record components and their
 * {@link Field} annotations: the same facts {@link FieldRules} enforces, so the listing cannot drift from the
 * behaviour. Stateless.
 */
public final class InputSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputSchemas() {
    }

    public static Map<String, Object> of(Class<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(object(type, 0));
        return schema;
    }

    private static Map<String, Object> object(Class<?> type, int depth) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (!type.isRecord() || depth > 8) {
            return schema;
        }
        schema.put("additionalProperties", false);
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Field f = c.getAnnotation(Field.class);
            properties.put(FieldRules.jsonName(c), property(c.getGenericType(), f, depth));
            if ((f != null && f.required()) || c.getType().isPrimitive()) { // a primitive cannot be absent
                required.add(FieldRules.jsonName(c));
            }
        }
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("properties", properties);
        return schema;
    }

    private static Map<String, Object> property(Type type, Field f, int depth) {
        Map<String, Object> p = new LinkedHashMap<>(type(type, depth));
        if (f == null) {
            return p;
        }
        if (!f.description().isEmpty()) {
            p.put("description", f.description());
        }
        if (f.minLength() > 0) {
            p.put("minLength", f.minLength());
        } else if (f.required() && "string".equals(p.get("type"))) {
            p.put("minLength", 1);
        }
        if (f.maxLength() > 0) {
            p.put("maxLength", f.maxLength());
        }
        if (!Double.isNaN(f.min())) {
            p.put("minimum", number(f.min()));
        }
        if (!Double.isNaN(f.max())) {
            p.put("maximum", number(f.max()));
        }
        if (f.maxItems() > 0) {
            p.put("maxItems", f.maxItems());
        }
        if (f.allowed().length > 0) {
            p.put("enum", Arrays.asList(f.allowed()));
        }
        if (!f.defaultValue().isEmpty()) {
            try {
                p.put("default", JSON.readValue(f.defaultValue(), Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("@Field defaultValue is not JSON: " + f.defaultValue(), e);
            }
        }
        return p;
    }

    private static Map<String, Object> type(Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return Map.of("type", "string");
        }
        if (raw.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(raw.getEnumConstants()).map(String::valueOf).toList());
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return Map.of("type", "integer");
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return Map.of("type", "number");
        }
        if (List.class.isAssignableFrom(raw)) {
            Type item = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            return Map.of("type", "array", "items", type(item, depth + 1));
        }
        return object(raw, depth + 1);
    }

    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
