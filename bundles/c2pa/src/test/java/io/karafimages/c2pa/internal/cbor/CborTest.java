package io.karafimages.c2pa.internal.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.C2paException;

/** Encoder and decoder against the examples of RFC 8949, Appendix A, and hostile input. */
class CborTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesRfc8949Examples() {
        assertHex("00", 0);
        assertHex("17", 23);
        assertHex("1818", 24);
        assertHex("1903e8", 1000);
        assertHex("1a000f4240", 1_000_000);
        assertHex("1b000000e8d4a51000", 1_000_000_000_000L);
        assertHex("1bffffffffffffffff", new BigInteger("18446744073709551615"));
        assertHex("3bffffffffffffffff", new BigInteger("-18446744073709551616"));
        assertHex("20", -1);
        assertHex("3903e7", -1000);
        assertHex("6449455446", "IETF");
        assertHex("62c3bc", "\u00fc");
        assertHex("4401020304", new byte[] {1, 2, 3, 4});
        assertHex("83010203", List.of(1, 2, 3));
        assertHex("f5", true);
        assertHex("f6", null);
        assertHex("fb3ff199999999999a", 1.1);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of(2, 3));
        assertHex("a26161016162820203", map);
        assertHex("c074323031332d30332d32315432303a30343a30305a", Instant.parse("2013-03-21T20:04:00Z"));
    }

    @Test
    void decodesRfc8949Examples() {
        assertEquals(1_000_000_000_000L, decode("1b000000e8d4a51000"));
        assertEquals(new BigInteger("18446744073709551615"), decode("1bffffffffffffffff"));
        assertEquals(-1000L, decode("3903e7"));
        assertEquals(1.0, decode("f93c00"));
        assertEquals(65504.0, decode("f97bff"));
        assertEquals(100000.0, decode("fa47c35000"));
        assertEquals("\u00fc", decode("62c3bc"));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, (byte[]) decode("5f42010243030405ff"));
        assertEquals("streaming", decode("7f657374726561646d696e67ff"));
        assertEquals(List.of(), decode("9fff"));
        assertEquals(Map.of("a", 1L, "b", List.of(2L, 3L)), decode("bf61610161629f0203ffff"));
        assertEquals(new CborTag(0, "2013-03-21T20:04:00Z"), decode("c074323031332d30332d32315432303a30343a30305a"));
    }

    @Test
    void roundTripsNestedValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "gr\u00fc\u00dfe");
        value.put("list", List.of(-5L, 70000L, true, List.of()));
        value.put("nested", Map.of("k", "v"));
        value.put("none", null);
        assertEquals(value, CborReader.decode(CborWriter.encode(value)));
    }

    @Test
    void rejectsMalformedInput() {
        for (String hostile : new String[] {"1a0000", "5bffffffffffffffff", "9bffffffffffffffff00", "62c3", "ff", "0000", "1c", "62c328"}) {
            assertThrows(C2paException.class, () -> decode(hostile), hostile);
        }
        assertThrows(C2paException.class, () -> decode("81".repeat(100) + "00"), "nesting bomb");
    }

    @Test
    void rejectsUnsupportedJavaValues() {
        assertThrows(IllegalArgumentException.class, () -> CborWriter.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> CborValues.copyMap(Map.of("k", new StringBuilder())));
        assertThrows(IllegalArgumentException.class, () -> CborValues.copy(Map.of(1, "non-string key")));
    }

    @Test
    void copiesCallerDataDeeplyAndImmutably() {
        byte[] bytes = {1};
        List<Object> list = new java.util.ArrayList<>(List.of("a"));
        Map<String, Object> copy = CborValues.copyMap(Map.of("bytes", bytes, "list", list));
        bytes[0] = 9;
        list.add("b");
        assertArrayEquals(new byte[] {1}, (byte[]) copy.get("bytes"));
        assertEquals(List.of("a"), copy.get("list"));
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
    }

    private static void assertHex(String hex, Object value) {
        assertEquals(hex, HEX.formatHex(CborWriter.encode(value)), String.valueOf(value));
    }

    private static Object decode(String hex) {
        return CborReader.decode(HEX.parseHex(hex));
    }
}
