package io.karafimages.core.internal.pipeline;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Converts decoded images to the packed-int layouts the encoders and the scaler are fastest on. */
final class PixelFormats {
    private PixelFormats() {
    }

    /** TYPE_INT_ARGB when the image has alpha, TYPE_INT_RGB otherwise; the same instance when already so. */
    static BufferedImage packed(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == type) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src); // copy, not blend: translucent colours stay exact
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
