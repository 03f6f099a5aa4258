package io.karafimages.c2pa.testing;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Changes signed files the way an attacker would, keeping the container well-formed (PNG CRCs
 * recomputed), so only C2PA hashing can notice.
 */
public final class Tamper {

    private Tamper() {
    }

    /**
     * Flips one bit in the middle of the compressed image data (PNG IDAT, JPEG scan, WebP VP8/VP8L).
     *
     * @param file a signed file
     * @return a changed copy
     */
    public static byte[] flipImageByte(byte[] file) {
        byte[] b = file.clone();
        if ((b[0] & 0xff) == 0x89) {
            int pos = 8;
            while (!"IDAT".equals(new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1))) {
                pos += 12 + u32be(b, pos);
            }
            b[pos + 8 + u32be(b, pos) / 2] ^= 0x01;
            fixPngCrcs(b);
        } else if ((b[0] & 0xff) == 0xff) {
            int pos = 2;
            while ((b[pos + 1] & 0xff) != 0xda) {
                pos += 2 + (((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff));
            }
            int q = pos + (b.length - pos) / 2;
            while ((b[q] & 0xff) >= 0xfe || (b[q - 1] & 0xff) == 0xff) {
                q++;
            }
            b[q] ^= 0x01;
        } else {
            int pos = 12;
            while (true) {
                String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
                int len = u32le(b, pos + 4);
                if (type.equals("VP8 ") || type.equals("VP8L")) {
                    b[pos + 8 + len / 2] ^= 0x01;
                    break;
                }
                pos += 8 + len + (len & 1);
            }
        }
        return b;
    }

    /**
     * Replaces the first occurrence of a string by another of the same length.
     *
     * @param file a signed file
     * @param from text to find
     * @param to   replacement, same length
     * @return a changed copy
     */
    public static byte[] replace(byte[] file, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        if (needle.length != replacement.length) {
            throw new IllegalArgumentException("lengths differ");
        }
        byte[] b = file.clone();
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            System.arraycopy(replacement, 0, b, i, replacement.length);
            if ((b[0] & 0xff) == 0x89) {
                fixPngCrcs(b);
            }
            return b;
        }
        throw new IllegalArgumentException("'" + from + "' not found");
    }

    private static void fixPngCrcs(byte[] b) {
        int pos = 8;
        while (pos + 12 <= b.length) {
            int len = u32be(b, pos);
            CRC32 crc = new CRC32();
            crc.update(b, pos + 4, 4 + len);
            long v = crc.getValue();
            int c = pos + 8 + len;
            b[c] = (byte) (v >>> 24);
            b[c + 1] = (byte) (v >>> 16);
            b[c + 2] = (byte) (v >>> 8);
            b[c + 3] = (byte) v;
            pos += 12 + len;
        }
    }

    private static int u32be(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static int u32le(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((b[p + 3] & 0xff) << 24);
    }
}
