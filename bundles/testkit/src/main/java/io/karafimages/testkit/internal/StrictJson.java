package io.karafimages.testkit.internal;

import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Binds skill input JSON the way the runtime does: snake_case names, unknown fields refused, no coercion between
 * JSON types (a string is never a number, a number never a string, 1.5 never an integer), {@code null} never a
 * primitive, nothing after the object. Failures become the runtime's 400s. Thread-safe.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = mapper();

    private StrictJson() {
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType target : new LogicalType[] { LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Collection, LogicalType.POJO }) {
            mapper.coercionConfigFor(target).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * @throws ImagesException 400 {@code malformed_json}, {@code unknown_field} or {@code invalid_<field>} (the
     *         top-level field's {@code @Field(code)} when it has one)
     * @throws IllegalStateException when Jackson cannot bind {@code type} at all: a fault of the skill
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The request body must be a JSON object.");
            }
            return value;
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("Jackson cannot bind the input type " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ImagesException ie) {
                throw ie;
            }
            throw invalid(e, type, " is invalid: " + rootMessage(e));
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw ImagesException.invalid(ErrorCodes.UNKNOWN_FIELD, "Unknown field '" + path(e) + "'"
                    + (known.isEmpty() ? "." : "; allowed here: " + known + "."));
        } catch (MismatchedInputException e) {
            throw invalid(e, type, e.getTargetType() == null ? " has the wrong JSON type."
                    : " must be " + FieldChecks.describe(e.getTargetType()) + ".");
        } catch (JsonMappingException e) {
            throw invalid(e, type, " is invalid.");
        } catch (JsonProcessingException e) {
            throw ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The body is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** The JSON the runtime stores for a normalised input. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The input cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ImagesException invalid(JsonMappingException e, Class<?> type, String what) {
        if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
            return ImagesException.invalid(ErrorCodes.MALFORMED_JSON, "The request body must be a JSON object"
                    + (e.getPath().isEmpty() ? "" : " (at '" + path(e) + "')") + ".");
        }
        String top = e.getPath().get(0).getFieldName();
        return ImagesException.invalid(FieldChecks.code(type, top, FieldChecks.Kind.INVALID),
                "'" + path(e) + "'" + what);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The JSON path of an error, e.g. {@code $.mask.shapes[0].x}. */
    private static String path(JsonMappingException e) {
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
