package io.karafimages.c2pa.internal.cbor;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates caller data as CBOR-encodable and copies it into unmodifiable structures, so a value
 * accepted by the public API can always be encoded later and cannot change under our feet.
 */
public final class CborValues {

    private static final int MAX_DEPTH = 64;

    private CborValues() {
    }

    /**
     * @param map a map with String keys and CBOR-able values
     * @return an unmodifiable deep copy preserving order
     * @throws IllegalArgumentException for a value that cannot be encoded
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyMap(Map<String, ?> map) {
        return (Map<String, Object>) copy(map, 0);
    }

    /**
     * @param value a CBOR-able value or {@code null}
     * @return an immutable deep copy
     * @throws IllegalArgumentException for a value that cannot be encoded
     */
    public static Object copy(Object value) {
        return copy(value, 0);
    }

    private static Object copy(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH);
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Instant
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() > 64) {
                throw new IllegalArgumentException("integers beyond 64 bits are not supported: " + big);
            }
            return big;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("map keys must be strings, found " + e.getKey());
                }
                copy.put(key, copy(e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) {
                copy.add(copy(item, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not CBOR-encodable: " + value.getClass().getName());
    }
}
