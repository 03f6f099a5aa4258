package io.karafimages.c2pa.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.C2paException;

/**
 * Hostile JPEG headers too large for the fuzzer's input size (kept here rather than in the fuzz corpus, which
 * would otherwise raise the fuzzer's input length for every run).
 */
class JpegCodecLimitsTest {

    @Test
    void everyInstanceNumberTakenFailsInsteadOfLooping() {
        byte[] jpeg = withApp11Instances(0x10000);
        C2paException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(C2paException.class, () -> new JpegCodec().prepare(jpeg)));
        assertEquals(C2paException.Reason.MALFORMED_ASSET, e.reason());
    }

    @Test
    void oneFreeInstanceNumberIsFound() {
        byte[] jpeg = withApp11Instances(0xffff); // 0xffff stays free
        byte[] signed = new JpegCodec().prepare(jpeg).embed(new byte[] {1, 2, 3});
        assertEquals(jpeg.length + 4 + 8 + 3, signed.length);
    }

    /** SOI, APP11 segments with JPEG XT instance numbers 0..count-1, then SOS and EOI. */
    private static byte[] withApp11Instances(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 10 + 16);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        for (int en = 0; en < count; en++) {
            out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xeb, 0, 6, 'J', 'P', (byte) (en >>> 8), (byte) en});
        }
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 2, (byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }
}
