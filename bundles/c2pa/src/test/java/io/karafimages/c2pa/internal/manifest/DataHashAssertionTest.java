package io.karafimages.c2pa.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.internal.cbor.CborReader;

/** The hard binding keeps its size from placeholder to final values, and hashes around the exclusion. */
class DataHashAssertionTest {

    @Test
    void finalEncodingHasThePlaceholderSizeForAnyOffsets() {
        int size = DataHashAssertion.placeholder().length;
        long[] values = {0, 23, 24, 255, 256, 65535, 65536, 0xffffffffL};
        for (long start : values) {
            for (long length : values) {
                byte[] encoded = DataHashAssertion.encode(start, length, new byte[32]);
                assertEquals(size, encoded.length, start + "/" + length);
                Map<?, ?> map = (Map<?, ?>) CborReader.decode(encoded);
                Map<?, ?> exclusion = (Map<?, ?>) ((List<?>) map.get("exclusions")).get(0);
                assertEquals(start, exclusion.get("start"));
                assertEquals(length, exclusion.get("length"));
                assertTrue(map.containsKey("pad"), "pad is always present");
            }
        }
    }

    @Test
    void digestSkipsTheExcludedRange() throws Exception {
        byte[] asset = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("0189".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(expected, DataHashAssertion.digest(asset, List.of(new long[] {2, 6}), HashedUri.sha256()).orElseThrow());
        assertTrue(DataHashAssertion.digest(asset, List.of(new long[] {8, 6}), HashedUri.sha256()).isEmpty(), "range past the end");
    }

    @Test
    void anExclusionThatWouldOverflowIsRefusedNotDropped() {
        byte[] asset = new byte[16];
        assertTrue(DataHashAssertion.digest(asset, List.of(new long[] {8, Long.MAX_VALUE}), HashedUri.sha256()).isEmpty(),
                "start + length overflows: the range lies outside the asset");
        assertTrue(DataHashAssertion.digest(asset, List.of(new long[] {17, 0}), HashedUri.sha256()).isEmpty());
    }
}
