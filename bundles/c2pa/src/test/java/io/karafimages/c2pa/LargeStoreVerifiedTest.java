package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;

/** A store larger than one JPEG segment is split over several APP11 segments and still verifies. */
class LargeStoreVerifiedTest {

    @Test
    void jpegStoreSplitOverSeveralApp11Segments() {
        byte[] blob = new byte[200_000];
        new Random(7).nextBytes(blob);
        ManifestDefinition definition = Definitions.builder("large.jpg")
                .assertion(CustomAssertion.of("io.karafimages.attachment", Map.of("bytes", blob))).build();

        byte[] signed = C2paWriter.builder(TestCa.signer()).build().sign(TestImages.jpeg(640, 480), definition);

        assertTrue(app11Segments(signed) >= 4, "store split over at least four segments");
        C2paVerify.Report report = C2paVerify.verify(TestImages.write(Path.of("target/c2pa-out/large"), "large.jpg", signed), TestCa.rootPem());
        assertEquals(0, report.exitCode(), report::toString);
        assertEquals("Trusted", report.state(), report::toString);
        assertEquals(List.of(), report.failureCodes(), report::toString);
    }

    private static int app11Segments(byte[] jpeg) {
        int count = 0;
        int pos = 2;
        while ((jpeg[pos + 1] & 0xff) != 0xda) {
            count += (jpeg[pos + 1] & 0xff) == 0xeb ? 1 : 0;
            pos += 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
        }
        return count;
    }
}
