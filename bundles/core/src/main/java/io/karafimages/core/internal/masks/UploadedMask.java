package io.karafimages.core.internal.masks;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Turns an uploaded mask image into the runtime's convention (API.md: white/opaque = edit, black/transparent =
 * keep): an opaque mask is read by its luminance; one with transparency by luminance times alpha, so only white
 * opaque pixels are edited. It is scaled to the image when the aspect
 * ratios match.
 */
public final class UploadedMask {
    private UploadedMask() {
    }

    public static void checkRatio(int maskWidth, int maskHeight, int width, int height, double tolerance) {
        double mask = (double) maskWidth / maskHeight;
        double image = (double) width / height;
        if (Math.abs(mask - image) / image > tolerance) {
            throw ImagesException.invalid(ErrorCodes.MASK_SIZE_MISMATCH, "The mask is " + maskWidth + "x"
                    + maskHeight + " but the image is " + width + "x" + height
                    + "; a mask must have the image's aspect ratio (it is scaled to the image's size).");
        }
    }

    public static GrayMask toGray(BufferedImage mask, int width, int height, double tolerance, double feather) {
        checkRatio(mask.getWidth(), mask.getHeight(), width, height, tolerance);
        BufferedImage gray = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] g = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        boolean byAlpha = hasTransparency(mask);
        for (int y = 0, i = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++, i++) {
                int argb = mask.getRGB(x, y);
                int lum = (299 * (argb >> 16 & 0xff) + 587 * (argb >> 8 & 0xff) + 114 * (argb & 0xff)) / 1000;
                g[i] = (byte) (byAlpha ? (argb >>> 24) * lum / 255 : lum);
            }
        }
        BufferedImage scaled = gray;
        if (mask.getWidth() != width || mask.getHeight() != height) {
            scaled = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g2 = scaled.createGraphics();
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g2.drawImage(gray, 0, 0, width, height, null);
            g2.dispose();
        }
        if (feather > 0) {
            Feather.apply(((DataBufferByte) scaled.getRaster().getDataBuffer()).getData(), width, height, feather);
        }
        GrayMask result = GrayMask.of(scaled);
        if (result.coverage() == 0) {
            throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The uploaded mask has no white or opaque pixel.");
        }
        return result;
    }

    private static boolean hasTransparency(BufferedImage img) {
        if (!img.getColorModel().hasAlpha()) {
            return false;
        }
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) >>> 24 != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }
}
