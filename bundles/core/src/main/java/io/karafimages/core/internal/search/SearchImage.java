package io.karafimages.core.internal.search;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.ImagesException;

/**
 * The picture a web search sees: re-encoded from pixels as a baseline JPEG, so it carries no metadata at all (no
 * EXIF, no XMP labels, no C2PA manifest: only the JFIF header), at most {@link #MAX_SIDE} pixels a side and no
 * larger than the engine accepts. Transparent areas become white. Stateless and thread-safe.
 */
public final class SearchImage {
    /** Larger adds nothing for a visual search and costs upload time. */
    static final int MAX_SIDE = 1024;

    private SearchImage() {
    }

    /** @throws ImagesException {@code image_too_large} when even a small, low-quality JPEG exceeds the limit */
    public static byte[] jpeg(BufferedImage source, int maxBytes) {
        int side = MAX_SIDE;
        float quality = 0.85f;
        while (side >= 128) {
            byte[] jpeg = encode(flatten(source, side), quality);
            if (jpeg.length <= maxBytes) {
                return jpeg;
            }
            if (quality > 0.6f) {
                quality -= 0.15f;
            } else {
                side = side * 3 / 4;
            }
        }
        throw ImagesException.invalid("image_too_large", "The image cannot be made small enough ("
                + maxBytes / 1024 + " KB) for the search engine.");
    }

    private static BufferedImage flatten(BufferedImage source, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage rgb, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
