package io.karafimages.c2pa.internal.manifest;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.karafimages.c2pa.internal.cbor.CborWriter;

/**
 * The {@code c2pa.hash.data} hard binding: SHA-256 over the asset minus the byte range holding
 * the manifest store.
 *
 * <p>Multiple-pass layout (C2PA 2.x, "Multiple Step Processing"): the placeholder is written with
 * start and length "as large as possible" (32-bit) and an empty {@code pad}; the final values are
 * written in preferred (shortest) serialization and {@code pad} grows by the bytes saved, so the
 * assertion, and therefore the whole store, keeps the size computed before the hash was known.
 */
public final class DataHashAssertion {

    /** Assertion label. */
    public static final String LABEL = "c2pa.hash.data";
    private static final long PLACEHOLDER = 0xffffffffL;

    private DataHashAssertion() {
    }

    /** @return the placeholder content, as large as the final one can ever be */
    public static byte[] placeholder() {
        return CborWriter.encode(content(PLACEHOLDER, PLACEHOLDER, new byte[32], 0));
    }

    /**
     * @param start  exclusion start
     * @param length exclusion length
     * @param hash   the SHA-256 digest (zeros while not yet known)
     * @return the encoded content, exactly as long as {@link #placeholder()}
     */
    public static byte[] encode(long start, long length, byte[] hash) {
        if (start > PLACEHOLDER || length > PLACEHOLDER) {
            throw new IllegalArgumentException("assets beyond 4 GiB are not supported");
        }
        int target = placeholder().length;
        byte[] unpadded = CborWriter.encode(content(start, length, hash, 0));
        // at most 8 bytes are saved, so the pad's own length head stays one byte
        byte[] padded = CborWriter.encode(content(start, length, hash, target - unpadded.length));
        if (padded.length != target) {
            throw new IllegalStateException("data hash size " + padded.length + " != " + target);
        }
        return padded;
    }

    private static Map<String, Object> content(long start, long length, byte[] hash, int pad) {
        Map<String, Object> exclusion = new LinkedHashMap<>();
        exclusion.put("start", start);
        exclusion.put("length", length);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("exclusions", List.of(exclusion));
        map.put("name", "jumbf manifest");
        map.put("alg", HashedUri.ALG);
        map.put("hash", hash);
        map.put("pad", new byte[pad]);
        return map;
    }

    /**
     * @param asset      the bytes
     * @param exclusions ranges {start, length} to skip
     * @param digest     a fresh digest of the wanted algorithm
     * @return the digest, or empty when a range lies outside the asset
     */
    public static Optional<byte[]> digest(byte[] asset, List<long[]> exclusions, MessageDigest digest) {
        List<long[]> sorted = new ArrayList<>(exclusions);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        long pos = 0;
        for (long[] range : sorted) {
            long start = range[0];
            // compared without adding first: start + length can overflow and would drop the exclusion silently
            if (start < 0 || range[1] < 0 || start > asset.length || range[1] > asset.length - start) {
                return Optional.empty();
            }
            long end = start + range[1];
            if (start > pos) {
                digest.update(asset, (int) pos, (int) (start - pos));
            }
            pos = Math.max(pos, end);
        }
        digest.update(asset, (int) pos, (int) (asset.length - pos));
        return Optional.of(digest.digest());
    }
}
