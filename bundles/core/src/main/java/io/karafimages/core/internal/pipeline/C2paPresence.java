package io.karafimages.core.internal.pipeline;

/**
 * Tells whether an image carries a C2PA manifest store where the C2PA specification puts it: a PNG {@code caBX}
 * chunk, a WebP {@code C2PA} chunk, or a JPEG APP11 segment holding JUMBF. Only looks; validating the manifest is
 * the provenance writer's job. Stateless.
 */
public final class C2paPresence {
    private C2paPresence() {
    }

    public static boolean in(byte[] d) {
        if (d.length > 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
            return png(d);
        }
        if (d.length > 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W') {
            return riff(d);
        }
        if (d.length > 4 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8) {
            return jpeg(d);
        }
        return false;
    }

    private static boolean png(byte[] d) {
        int at = 8;
        while (at + 8 <= d.length) {
            long length = be32(d, at);
            if (is(d, at + 4, "caBX")) {
                return true;
            }
            if (is(d, at + 4, "IEND") || length < 0 || length > d.length) {
                return false;
            }
            at += 12 + (int) length;
        }
        return false;
    }

    private static boolean riff(byte[] d) {
        int at = 12;
        while (at + 8 <= d.length) {
            long length = (d[at + 4] & 0xffL) | (d[at + 5] & 0xffL) << 8 | (d[at + 6] & 0xffL) << 16
                    | (d[at + 7] & 0xffL) << 24;
            if (is(d, at, "C2PA")) {
                return true;
            }
            if (length > d.length) {
                return false;
            }
            at += 8 + (int) length + (int) (length & 1);
        }
        return false;
    }

    private static boolean jpeg(byte[] d) {
        int at = 2;
        while (at + 4 <= d.length && (d[at] & 0xff) == 0xff) {
            int marker = d[at + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                return false; // image data follows: metadata segments come before it
            }
            int length = (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
            if (marker == 0xeb && at + 6 <= d.length && is(d, at + 4, "JP")) {
                return true;
            }
            at += 2 + length;
        }
        return false;
    }

    private static long be32(byte[] d, int at) {
        return (d[at] & 0xffL) << 24 | (d[at + 1] & 0xffL) << 16 | (d[at + 2] & 0xffL) << 8 | (d[at + 3] & 0xffL);
    }

    private static boolean is(byte[] d, int at, String ascii) {
        if (at + ascii.length() > d.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (d[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
