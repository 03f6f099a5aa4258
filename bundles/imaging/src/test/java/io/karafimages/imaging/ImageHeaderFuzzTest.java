package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the sniffer and header probe with any bytes, as a provider could send them: it never throws, what it
 * recognises has the sniffed format and a positive size, and the decoder's probe agrees with it (refusing only with
 * a typed error). The corpus in {@code ImageHeaderFuzzTestInputs/} (the API's former sniffer corpus) runs in every
 * build; the pom's fuzz execution adds a bounded fuzzing run.
 */
class ImageHeaderFuzzTest {
    private static final ImageDecoder DECODER = new ImageDecoder(1_000_000);

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 500_000)
    void reads(byte[] data) {
        Optional<ImageHeader> header = ImageHeader.read(data);
        header.ifPresent(h -> {
            assertEquals(ImageFormat.sniff(data), Optional.of(h.format()));
            assertTrue(h.width() > 0 && h.height() > 0 && h.orientation() >= 1 && h.orientation() <= 8, h::toString);
        });
        if (header.isEmpty()) {
            assertEquals(ImageException.Reason.UNSUPPORTED,
                    assertThrows(ImageException.class, () -> DECODER.probe(data)).reason());
        } else if (header.get().pixels() > DECODER.maxPixels()) {
            assertEquals(ImageException.Reason.TOO_LARGE,
                    assertThrows(ImageException.class, () -> DECODER.probe(data)).reason());
        } else {
            assertEquals(header.get(), DECODER.probe(data));
        }
    }
}
