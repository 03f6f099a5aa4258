package io.karafimages.c2pa.internal.format;

import java.nio.charset.StandardCharsets;

import io.karafimages.c2pa.C2paException;

/** Byte-level helpers for the C2PA parts of the containers (the containers themselves are the imaging module's). */
final class Bytes {

    private Bytes() {
    }

    static int u16be(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static void putU32be(byte[] b, int p, long v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static String fourCc(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static C2paException malformed(String message) {
        return new C2paException(C2paException.Reason.MALFORMED_ASSET, message);
    }
}
