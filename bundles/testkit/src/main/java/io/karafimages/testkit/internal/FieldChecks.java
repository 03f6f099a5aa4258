package io.karafimages.testkit.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;

/**
 * Checks the {@link Field} constraints of a bound input record the way the runtime does, walking nested records
 * and lists. Codes: {@code <top>_required} for a missing or blank required top-level field, {@code <top>_too_long}
 * for a string over {@code maxLength}, {@code invalid_<top>} for anything else (a missing required field inside an
 * object included), where {@code <top>} is the top-level JSON name; a {@code @Field(code)} on the field itself, or
 * else on its top-level field, replaces the derived code. Stateless.
 */
public final class FieldChecks {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Kinds of violation, each with its derived code. */
    enum Kind { REQUIRED, TOO_LONG, INVALID }

    private FieldChecks() {
    }

    /** @throws ImagesException 400 with the code of the first violation found */
    public static void check(Object input) {
        if (input.getClass().isRecord()) {
            checkRecord(input, input.getClass(), "$", null);
        }
    }

    static String code(Class<?> root, String top, Kind kind) {
        Field f = topField(root, top);
        if (f != null && !f.code().isEmpty()) {
            return f.code();
        }
        return switch (kind) {
            case REQUIRED -> top + "_required";
            case TOO_LONG -> top + "_too_long";
            case INVALID -> "invalid_" + top;
        };
    }

    /** "a string", "an integer", ... for messages about a wrong JSON type. */
    static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return List.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
    }

    private static void checkRecord(Object value, Class<?> root, String path, String top) {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            String name = SNAKE.translate(c.getName());
            String at = path + "." + name;
            String topName = top == null ? name : top;
            Object v = read(c, value);
            Field f = c.getAnnotation(Field.class);
            if (f != null) {
                checkValue(f, v, at, root, topName, top == null);
            }
            checkNested(v, root, at, topName);
        }
    }

    private static void checkNested(Object v, Class<?> root, String at, String top) {
        if (v != null && v.getClass().isRecord()) {
            checkRecord(v, root, at, top);
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkNested(list.get(i), root, at + "[" + i + "]", top);
            }
        }
    }

    private static void checkValue(Field f, Object v, String at, Class<?> root, String top, boolean isTop) {
        if (v == null || (f.required() && v instanceof String s && s.isBlank())) {
            if (f.required()) {
                fail(f, root, top, isTop ? Kind.REQUIRED : Kind.INVALID, "'" + at + "' is required"
                        + (v == null ? "." : " and must not be blank."));
            }
            return;
        }
        if (v instanceof String s) {
            int length = s.codePointCount(0, s.length());
            if (f.maxLength() > 0 && length > f.maxLength()) {
                fail(f, root, top, Kind.TOO_LONG, "'" + at + "' has " + length + " characters; at most "
                        + f.maxLength() + " are allowed.");
            }
            if (length < f.minLength()) {
                fail(f, root, top, Kind.INVALID, "'" + at + "' needs at least " + f.minLength() + " characters.");
            }
            if (f.allowed().length > 0 && !Arrays.asList(f.allowed()).contains(s)) {
                fail(f, root, top, Kind.INVALID, "'" + at + "' must be one of " + String.join(", ", f.allowed())
                        + ".");
            }
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d < f.min() || d > f.max()) {
                fail(f, root, top, Kind.INVALID, "'" + at + "' must be a number" + range(f) + ".");
            }
        } else if (v instanceof List<?> list && f.maxItems() > 0 && list.size() > f.maxItems()) {
            fail(f, root, top, Kind.INVALID, "'" + at + "' has " + list.size() + " items; at most "
                    + f.maxItems() + " are allowed.");
        }
    }

    /** Comparisons with NaN are false, so an unset bound never fails above. */
    private static String range(Field f) {
        String lo = Double.isNaN(f.min()) ? "" : " from " + num(f.min());
        String hi = Double.isNaN(f.max()) ? "" : (lo.isEmpty() ? " up" : "") + " to " + num(f.max());
        return lo + hi;
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static void fail(Field f, Class<?> root, String top, Kind kind, String message) {
        throw ImagesException.invalid(f.code().isEmpty() ? code(root, top, kind) : f.code(), message);
    }

    private static Field topField(Class<?> root, String top) {
        if (!root.isRecord()) {
            return null;
        }
        return Arrays.stream(root.getRecordComponents()).filter(c -> SNAKE.translate(c.getName()).equals(top))
                .map(c -> c.getAnnotation(Field.class)).filter(f -> f != null).findFirst().orElse(null);
    }

    private static Object read(RecordComponent c, Object value) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true); // input records are often package-private nested types
            return accessor.invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + c.getName() + " of " + value.getClass().getName(), e);
        }
    }
}
