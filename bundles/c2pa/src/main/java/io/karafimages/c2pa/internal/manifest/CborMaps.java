package io.karafimages.c2pa.internal.manifest;

import java.util.Map;
import java.util.Optional;

import io.karafimages.c2pa.C2paException;

/** Typed access to decoded CBOR maps from untrusted stores. */
final class CborMaps {

    private CborMaps() {
    }

    static Map<?, ?> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE, "expected a CBOR map");
    }

    static Optional<String> text(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static Optional<byte[]> bytes(Map<?, ?> map, String key) {
        return map.get(key) instanceof byte[] b ? Optional.of(b) : Optional.empty();
    }

    static long number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Long n) {
            return n;
        }
        throw new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE, "expected an integer " + key);
    }
}
