package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.Tamper;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/** Changes after signing must be caught by the reference verifier: the hard binding and the assertion hashes bite. */
class TamperDetectionVerifiedTest {

    private static final Path OUT = Path.of("target/c2pa-out/tampered");
    private static final C2paWriter WRITER = C2paWriter.builder(TestCa.signer()).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpg", "webp"})
    void oneChangedImageByteBreaksTheDataHash(String format) {
        byte[] signed = WRITER.sign(source(format), Definitions.generated("pixel." + format));

        byte[] tampered = Tamper.flipImageByte(signed);

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "pixel." + format, tampered), TestCa.rootPem());
        assertEquals(1, report.exitCode(), report::toString);
        assertTrue(report.failureCodes().contains("assertion.dataHash.mismatch"), report::toString);
        assertFalse(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpg", "webp"})
    void aChangedPromptBreaksTheAssertionHash(String format) {
        byte[] signed = WRITER.sign(source(format), Definitions.generated("prompt." + format));

        byte[] tampered = Tamper.replace(signed, "a red fox in the snow", "a red cat in the snow");

        C2paVerify.Report report = C2paVerify.verify(TestImages.write(OUT, "prompt." + format, tampered), TestCa.rootPem());
        assertEquals(1, report.exitCode(), report::toString);
        assertTrue(report.failureCodes().contains("assertion.hashedURI.mismatch"), report::toString);
        // the store lies inside the exclusion range: the image bytes still match
        assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
    }

    private static byte[] source(String format) {
        switch (format) {
            case "png":
                return TestImages.png(PngKind.RGB, 320, 240);
            case "jpg":
                return TestImages.jpeg(320, 240);
            default:
                return TestImages.webp(320, 240, false, false);
        }
    }
}
