package io.karafimages.c2pa.internal.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A C2PA {@code hashed_uri}: a JUMBF URI and the SHA-256 hash of the referenced box contents.
 *
 * @param url  the {@code self#jumbf=} URI
 * @param hash the SHA-256 digest
 */
public record HashedUri(String url, byte[] hash) {

    /** Algorithm name as C2PA writes it. */
    public static final String ALG = "sha256";

    /**
     * @param withAlg whether to write {@code alg} (needed outside the claim, where no enclosing
     *                structure names the algorithm explicitly)
     * @return the CBOR map
     */
    public Map<String, Object> toCbor(boolean withAlg) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("url", url);
        if (withAlg) {
            map.put("alg", ALG);
        }
        map.put("hash", hash);
        return map;
    }

    /**
     * @param box an encoded superbox, header of 8 bytes included
     * @return SHA-256 over the box without its header, as C2PA hashes JUMBF boxes
     */
    public static byte[] hashOfBox(byte[] box) {
        MessageDigest md = sha256();
        md.update(box, 8, box.length - 8);
        return md.digest();
    }

    /** @return a new SHA-256 digest */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
