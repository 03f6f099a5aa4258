package io.karafimages.provenance.internal;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/** Reads the EXIF orientation tag (0x0112) from a TIFF structure and applies it to pixels. */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** @param tiff the TIFF header and IFDs ("II*\0" or "MM\0*"); returns 1 when absent or unreadable */
    static int read(byte[] tiff, int offset) {
        try {
            boolean le = tiff[offset] == 'I';
            int ifd = offset + u32(tiff, offset + 4, le);
            int entries = u16(tiff, ifd, le);
            for (int i = 0; i < entries; i++) {
                int e = ifd + 2 + 12 * i;
                if (u16(tiff, e, le) == 0x0112) {
                    int v = u16(tiff, e + 8, le);
                    return v >= 1 && v <= 8 ? v : 1;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return 1;
        }
        return 1;
    }

    /** The upright image for an orientation value (1 = already upright). */
    static BufferedImage apply(BufferedImage src, int orientation) {
        int w = src.getWidth();
        int h = src.getHeight();
        AffineTransform t = new AffineTransform();
        boolean swap = orientation >= 5;
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            case 8 -> t.setTransform(0, -1, 1, 0, 0, w);
            default -> {
                return src;
            }
        }
        int type = src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage dst = new BufferedImage(swap ? h : w, swap ? w : h, type);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(convert(src, type), dst);
        return dst;
    }

    private static BufferedImage convert(BufferedImage src, int type) {
        if (src.getType() == type) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        var g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int u16(byte[] b, int o, boolean le) {
        return le ? (b[o] & 0xff | (b[o + 1] & 0xff) << 8) : ((b[o] & 0xff) << 8 | b[o + 1] & 0xff);
    }

    private static int u32(byte[] b, int o, boolean le) {
        return le ? (u16(b, o, true) | u16(b, o + 2, true) << 16) : (u16(b, o, false) << 16 | u16(b, o + 2, false));
    }
}
