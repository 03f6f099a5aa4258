package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/** Reports how long signing a 1024x1024 PNG takes (logged, not asserted: the machine is shared). */
class SigningTimingTest {

    @Test
    void signing1024PngTiming() {
        byte[] png = TestImages.png(PngKind.RGB, 1024, 1024);
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        ManifestDefinition definition = Definitions.generated("timing.png");
        byte[] signed = null;
        for (int i = 0; i < 5; i++) {
            signed = writer.sign(png, definition);
        }
        long[] micros = new long[20];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            signed = writer.sign(png, definition);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("C2PA signing of a 1024x1024 PNG (%d bytes): min %.2f ms, median %.2f ms, max %.2f ms over %d runs%n",
                png.length, micros[0] / 1000.0, micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0, micros.length);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(Path.of("target/c2pa-out/timing"), "timing.png", signed), TestCa.rootPem());
        assertEquals("Trusted", report.state(), report::toString);
    }
}
