package io.karafimages.core.internal.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2HasherTest {
    private static final Argon2Hasher FAST = new Argon2Hasher(new Argon2Hasher.Params(64, 1, 1), 2);

    @Test
    void aHashVerifiesItsPasswordOnlyAndCarriesSaltAndParameters() {
        String h = FAST.hash("correct horse".toCharArray());
        assertTrue(h.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), h);
        assertTrue(FAST.verify("correct horse".toCharArray(), h));
        assertFalse(FAST.verify("correct horsf".toCharArray(), h));
        assertFalse(FAST.verify(new char[0], h));
        assertNotEquals(h, FAST.hash("correct horse".toCharArray()), "a fresh salt per hash");
    }

    @Test
    void hashesOfOtherParametersStillVerifyAndAskForARehash() {
        Argon2Hasher stronger = new Argon2Hasher(new Argon2Hasher.Params(128, 2, 1), 2);
        String old = FAST.hash("pässwörd €".toCharArray());
        assertTrue(stronger.verify("pässwörd €".toCharArray(), old), "parameters are read from the hash");
        assertTrue(stronger.needsRehash(old));
        assertFalse(stronger.needsRehash(stronger.hash("x".toCharArray())));
    }

    /** The stand-in for a missing user's hash: well-formed, of the hasher's parameters, matched by nothing. */
    @Test
    void anUnmatchableHashHasTheParametersOfARealOneButNoPasswordMatchesIt() {
        String u = FAST.unmatchable();
        assertTrue(u.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), u);
        assertFalse(FAST.needsRehash(u), "same parameters, so verifying it costs what a real verification costs");
        for (String password : new String[] { "", "x", "correct horse", "pässwörd €" }) {
            assertFalse(FAST.verify(password.toCharArray(), u), password);
        }
        assertNotEquals(u, FAST.unmatchable(), "random salt and digest");
    }

    @Test
    void malformedHashesNeverMatchAndNeverThrow() {
        for (String bad : new String[] { null, "", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43) }) {
            assertFalse(FAST.verify("x".toCharArray(), bad), String.valueOf(bad));
            assertTrue(FAST.needsRehash(bad));
        }
    }

    /** RFC 9106's algorithm through the same BouncyCastle generator: our encoding decodes to the raw output. */
    @Test
    void theEncodedHashIsArgon2idOfTheUtf8Password() {
        String h = FAST.hash("pässwörd".toCharArray());
        String[] parts = h.split("\\$");
        byte[] salt = java.util.Base64.getDecoder().decode(parts[4]);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13).withMemoryAsKB(64)
                .withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        g.generateBytes("pässwörd".getBytes(StandardCharsets.UTF_8), out);
        assertEquals(HexFormat.of().formatHex(out),
                HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(parts[5])));
    }

    /** Not a timed assertion (speed targets live in benchmarks): prints the cost of the production parameters. */
    @Test
    void productionParametersAreTheOnesDocumented() {
        Argon2Hasher real = new Argon2Hasher(Argon2Hasher.DEFAULT, 2);
        String h = real.hash("warm up the JIT".toCharArray());
        long start = System.nanoTime();
        int n = 5;
        for (int i = 0; i < n; i++) {
            assertTrue(real.verify("warm up the JIT".toCharArray(), h));
        }
        System.out.printf("Argon2id %s: %.0f ms per verification%n", Argon2Hasher.DEFAULT,
                (System.nanoTime() - start) / 1e6 / n);
        assertTrue(h.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), h);
    }
}
