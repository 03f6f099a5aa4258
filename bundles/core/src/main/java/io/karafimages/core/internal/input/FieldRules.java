package io.karafimages.core.internal.input;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;

/**
 * Checks the {@link Field} constraints of a bound input, walking nested records and lists of records. The
 * schema generator ({@link InputSchemas}) reads the same annotations, so what the listing promises is what is
 * enforced here. Stateless.
 */
final class FieldRules {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Kinds of violation, each with its derived error code. */
    enum Violation { REQUIRED, TOO_LONG, INVALID }

    private FieldRules() {
    }

    static String jsonName(RecordComponent c) {
        return SNAKE.translate(c.getName());
    }

    /** The error code of a violation of the top-level field {@code jsonName} of {@code type}. */
    static String code(Class<?> type, String jsonName, Violation violation) {
        Optional<Field> field = type.isRecord() ? Arrays.stream(type.getRecordComponents())
                .filter(c -> jsonName(c).equals(jsonName)).findFirst()
                .map(c -> c.getAnnotation(Field.class)) : Optional.empty();
        if (field.isPresent() && !field.get().code().isEmpty()) {
            return field.get().code();
        }
        return switch (violation) {
            case REQUIRED -> jsonName + "_required";
            case TOO_LONG -> jsonName + "_too_long";
            case INVALID -> "invalid_" + jsonName;
        };
    }

    static void check(Object root) {
        if (root.getClass().isRecord()) {
            checkRecord(root, root.getClass(), "$", null);
        }
    }

    /** @param top the top-level JSON field the value sits under, or null at the root */
    private static void checkRecord(Object value, Class<?> rootType, String path, String top) {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            String name = jsonName(c);
            String at = path + "." + name;
            String topName = top == null ? name : top;
            Object v = read(c, value);
            Field f = c.getAnnotation(Field.class);
            if (f != null) {
                checkField(f, v, at, rootType, topName, top == null);
            }
            checkNested(v, rootType, at, topName);
        }
    }

    private static void checkNested(Object v, Class<?> rootType, String at, String top) {
        if (v != null && v.getClass().isRecord()) {
            checkRecord(v, rootType, at, top);
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkNested(list.get(i), rootType, at + "[" + i + "]", top);
            }
        }
    }

    private static void checkField(Field f, Object v, String at, Class<?> root, String top, boolean isTop) {
        if (v == null || (v instanceof String s && s.isBlank() && f.required())) {
            if (f.required()) {
                fail(root, top, isTop ? Violation.REQUIRED : Violation.INVALID, f,
                        "'" + at + "' is required" + (v == null ? "." : " and must not be blank."));
            }
            return;
        }
        if (v instanceof String s) {
            int length = s.codePointCount(0, s.length());
            if (f.maxLength() > 0 && length > f.maxLength()) {
                fail(root, top, Violation.TOO_LONG, f, "'" + at + "' has " + length + " characters; at most "
                        + f.maxLength() + " are allowed.");
            }
            if (length < f.minLength()) {
                fail(root, top, Violation.INVALID, f, "'" + at + "' needs at least " + f.minLength() + " characters.");
            }
            if (f.allowed().length > 0 && !Arrays.asList(f.allowed()).contains(s)) {
                fail(root, top, Violation.INVALID, f, "'" + at + "' must be one of " + String.join(", ", f.allowed())
                        + ".");
            }
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || (!Double.isNaN(f.min()) && d < f.min())
                    || (!Double.isNaN(f.max()) && d > f.max())) {
                fail(root, top, Violation.INVALID, f, "'" + at + "' must be " + range(f) + ".");
            }
        } else if (v instanceof List<?> list && f.maxItems() > 0 && list.size() > f.maxItems()) {
            fail(root, top, Violation.INVALID, f, "'" + at + "' has " + list.size() + " items; at most "
                    + f.maxItems() + " are allowed.");
        }
    }

    static String range(Field f) {
        boolean lo = !Double.isNaN(f.min());
        boolean hi = !Double.isNaN(f.max());
        if (lo && hi) {
            return "from " + num(f.min()) + " to " + num(f.max());
        }
        return lo ? "at least " + num(f.min()) : hi ? "at most " + num(f.max()) : "a finite number";
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void fail(Class<?> root, String top, Violation kind, Field f, String message) {
        String code = f.code().isEmpty() ? code(root, top, kind) : f.code();
        throw ImagesException.invalid(code, message);
    }

    private static Object read(RecordComponent c, Object value) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // input records are often package-private, as Jackson also copes with
            return accessor.invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + c.getName() + " of " + value.getClass(), e);
        }
    }

    /** "a string", "an integer", ... for error messages. */
    static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
