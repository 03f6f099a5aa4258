package io.karafimages.core.internal.input;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Binds a skill's JSON input to its declared type, strictly and once: unknown fields, wrong JSON types and
 * {@link io.karafimages.spi.skill.Field} violations are 400s that name the JSON path. The same mapper writes the
 * normalised input for storage and binds it again for the worker, so both see the same types. Thread-safe.
 */
public final class InputBinder {
    private static final ObjectMapper MAPPER = strictMapper();

    private InputBinder() {
    }

    /** The mapper skill inputs are bound and stored with (snake_case, no coercion between JSON types). */
    public static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // the schema says an enum is a string
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // a null inside a list is refused where it is, with its path, not left for run() to trip over
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                // a record is stored as its components only: a getX() helper must not become a field that the
                // strict binding on the worker then refuses
                .addModule(new SimpleModule().setSerializerModifier(new RecordComponentsOnly()))
                .build();
        for (LogicalType textual : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Collection, LogicalType.POJO)) {
            mapper.coercionConfigFor(textual).setCoercion(CoercionInputShape.String, textual == LogicalType.Textual
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Binds a JSON object tree (as maps, lists and scalars) and checks the field constraints. */
    public static <I> I bind(Map<String, Object> json, Class<I> type) {
        return bind((JsonNode) MAPPER.valueToTree(json), type);
    }

    /** Binds stored JSON bytes, written by {@link #write}, on the worker. */
    public static <I> I bind(byte[] stored, Class<I> type) {
        try {
            return bind(MAPPER.readTree(stored), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored task input is not JSON", e);
        }
    }

    /** The normalised input as JSON bytes for storage. */
    public static byte[] write(Object input) {
        try {
            return MAPPER.writeValueAsBytes(input);
        } catch (JsonProcessingException e) {
            throw ImagesException.invalid("invalid_input", "The skill's input cannot be stored: "
                    + e.getOriginalMessage());
        }
    }

    private static <I> I bind(JsonNode tree, Class<I> type) {
        try {
            I value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The request body must be a JSON object.");
            }
            FieldRules.check(value);
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ImagesException ie) {
                throw ie;
            }
            throw problem(e, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw ImagesException.invalid(ErrorCodes.UNKNOWN_FIELD, "Unknown field '" + path(e) + "'"
                    + (known.isEmpty() ? "." : "; allowed here: " + known + "."));
        } catch (JsonMappingException e) {
            throw problem(e, type);
        } catch (JsonProcessingException e) {
            throw ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The body is not valid JSON.");
        }
    }

    private static ImagesException problem(JsonMappingException e, Class<?> type) {
        if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
            return e instanceof ValueInstantiationException
                    ? ImagesException.invalid("invalid_input", "The body does not fit this skill's input: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""))
                    : ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        String top = e.getPath().get(0).getFieldName();
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        boolean missingPrimitive = target != null && target.isPrimitive() && e.getPath().size() == 1
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`");
        if (missingPrimitive) {
            return ImagesException.invalid(FieldRules.code(type, top, FieldRules.Violation.REQUIRED),
                    "'" + path(e) + "' is required.");
        }
        String expected = target != null ? " must be " + FieldRules.describe(target) : " is invalid";
        return ImagesException.invalid(FieldRules.code(type, top, FieldRules.Violation.INVALID),
                "'" + path(e) + "'" + expected + ".");
    }

    /** The JSON path of an error, e.g. {@code $.mask.shapes[0].x}. */
    static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }
}
