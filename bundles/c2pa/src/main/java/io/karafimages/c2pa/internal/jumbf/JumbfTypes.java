package io.karafimages.c2pa.internal.jumbf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** JUMBF description-box type UUIDs used by C2PA: a four-character code + the C2PA UUID tail. */
public final class JumbfTypes {

    private static final byte[] TAIL = {0x00, 0x11, 0x00, 0x10, (byte) 0x80, 0x00, 0x00, (byte) 0xaa, 0x00, 0x38, (byte) 0x9b, 0x71};

    /** Manifest store superbox. */
    public static final byte[] MANIFEST_STORE = uuid("c2pa");
    /** Standard manifest. */
    public static final byte[] MANIFEST = uuid("c2ma");
    /** Update manifest. */
    public static final byte[] UPDATE_MANIFEST = uuid("c2um");
    /** Assertion store. */
    public static final byte[] ASSERTION_STORE = uuid("c2as");
    /** Claim. */
    public static final byte[] CLAIM = uuid("c2cl");
    /** Claim signature. */
    public static final byte[] SIGNATURE = uuid("c2cs");
    /** CBOR content (assertions). */
    public static final byte[] CBOR = uuid("cbor");

    private JumbfTypes() {
    }

    /**
     * @param fourCc four ASCII characters
     * @return the 16-byte type UUID
     */
    public static byte[] uuid(String fourCc) {
        byte[] head = fourCc.getBytes(StandardCharsets.US_ASCII);
        if (head.length != 4) {
            throw new IllegalArgumentException("need four characters: " + fourCc);
        }
        byte[] uuid = Arrays.copyOf(head, 16);
        System.arraycopy(TAIL, 0, uuid, 4, TAIL.length);
        return uuid;
    }

    /**
     * @param a one UUID
     * @param b another, may be {@code null}
     * @return whether both are the same type
     */
    public static boolean same(byte[] a, byte[] b) {
        return b != null && Arrays.equals(a, b);
    }
}
