package io.karafimages.core.internal.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;

import io.karafimages.api.ImagesException;

/**
 * PNG through the JDK's writer and lossy WebP through libwebp inside the JVM (webp-imageio, embedded in this
 * bundle; it loads its own native library). Streams are memory-cached: ImageIO's default file cache would put
 * the plaintext image in {@code java.io.tmpdir}. Thread-safe: a writer instance per call.
 */
final class ImageEncoders {
    private final WebPImageWriterSpi webp = new WebPImageWriterSpi();

    byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", ios)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new ImagesException("encoding_failed", 500, false, "Could not encode PNG.", null, e);
        }
        return out.toByteArray();
    }

    /** @param quality 0.0 to 1.0; libwebp's quality factor divided by 100 */
    byte[] webp(BufferedImage packed, float quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packed.getWidth() * packed.getHeight() / 4);
        ImageWriter writer;
        try {
            writer = webp.createWriterInstance();
        } catch (IOException e) {
            throw new ImagesException("encoding_failed", 500, false, "The WebP encoder is not available.", null, e);
        }
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
            param.setCompressionQuality(quality);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(packed, null, null), param);
        } catch (IOException e) {
            throw new ImagesException("encoding_failed", 500, false, "Could not encode WebP.", null, e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
