package io.karafimages.imaging;

import java.nio.charset.StandardCharsets;

/** Bounds-checked reads of big- and little-endian integers and ASCII tags. */
final class Bytes {
    private Bytes() {
    }

    static int u16be(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
    }

    static int u16le(byte[] b, int p) {
        return b[p] & 0xff | (b[p + 1] & 0xff) << 8;
    }

    static long u32be(byte[] b, int p) {
        return (b[p] & 0xffL) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
    }

    static long u32le(byte[] b, int p) {
        return (b[p + 3] & 0xffL) << 24 | (b[p + 2] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | b[p] & 0xff;
    }

    static int u24le(byte[] b, int p) {
        return b[p] & 0xff | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16;
    }

    static void putU32be(byte[] b, int p, long v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static void putU32le(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** Whether {@code ascii} is at {@code at}; false when it would run past the end. */
    static boolean is(byte[] b, int at, String ascii) {
        if (at < 0 || at + ascii.length() > b.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String fourCc(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
