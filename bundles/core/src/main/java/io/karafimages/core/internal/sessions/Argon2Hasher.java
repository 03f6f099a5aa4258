package io.karafimages.core.internal.sessions;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string format {@code $argon2id$v=19$m=<KiB>,t=<passes>,
 * p=<lanes>$<salt>$<hash>} (unpadded base64): each hash carries its own salt and parameters, so the parameters can be
 * raised later and old hashes still verify (and are re-hashed at the next login, see {@link #needsRehash}).
 * Comparison is constant-time. A semaphore bounds how many hashes run at once, so a flood of logins costs bounded
 * memory ({@code m} KiB each) instead of exhausting the heap.
 */
public final class Argon2Hasher {
    /** OWASP's first Argon2id recommendation (19 MiB, 2 passes, 1 lane): about 130 ms of CPU per hash here. */
    public static final Params DEFAULT = new Params(19_456, 2, 1);
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** Argon2id cost parameters: memory in KiB, passes, lanes. */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public Params {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Invalid Argon2id parameters " + this);
            }
        }
    }

    private final Params params;
    private final Semaphore concurrent;

    public Argon2Hasher(Params params, int maxConcurrent) {
        this.params = params;
        this.concurrent = new Semaphore(Math.max(1, maxConcurrent), true);
    }

    public Params params() {
        return params;
    }

    /** A new hash of the password with a fresh random salt and this hasher's parameters. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(params, salt, derive(password, salt, params, HASH_BYTES));
    }

    private static String encode(Params p, byte[] salt, byte[] digest) {
        return "$argon2id$v=19$m=" + p.memoryKiB() + ",t=" + p.iterations() + ",p=" + p.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(digest);
    }

    /**
     * A hash in this hasher's format and parameters that no password matches: a random salt and a random digest
     * (a match would take a 256-bit collision). Verifying against it costs what verifying a real hash costs, which is
     * all a stand-in for a missing user's hash needs, and making it costs nothing.
     */
    public String unmatchable() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] digest = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(digest);
        return encode(params, salt, digest);
    }

    /** Whether the password matches the hash; false (never an exception) for a malformed hash. */
    public boolean verify(char[] password, String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        Params p;
        try {
            p = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, B64D.decode(m.group(4)), p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether the hash was made with weaker parameters than this hasher's (or is not ours at all). */
    public boolean needsRehash(String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        return m == null || !m.matches() || Integer.parseInt(m.group(1)) < params.memoryKiB()
                || Integer.parseInt(m.group(2)) < params.iterations();
    }

    private byte[] derive(char[] password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations()).withParallelism(p.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] utf8 = new byte[encoded.remaining()];
        encoded.get(utf8);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            concurrent.acquireUninterruptibly();
            try {
                generator.generateBytes(utf8, out); // bytes, not chars, so that our copy can be wiped
            } finally {
                concurrent.release();
            }
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
