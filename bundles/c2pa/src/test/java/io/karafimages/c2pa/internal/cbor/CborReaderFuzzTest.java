package io.karafimages.c2pa.internal.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.karafimages.c2pa.C2paException;

/**
 * Fuzzes the CBOR decoder with any bytes: it decodes or fails with {@code MALFORMED_MANIFEST_STORE};
 * what it decodes the writer encodes, and that encoding decodes to the same encoding again.
 */
class CborReaderFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 250_000)
    void decodes(byte[] data) {
        Object value;
        try {
            value = CborReader.decode(data);
        } catch (C2paException e) {
            assertEquals(C2paException.Reason.MALFORMED_MANIFEST_STORE, e.reason(), e::getMessage);
            return;
        }
        byte[] encoded = CborWriter.encode(value);
        assertArrayEquals(encoded, CborWriter.encode(CborReader.decode(encoded)), "decode/encode is not stable");
    }
}
