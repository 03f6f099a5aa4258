package io.karafimages.provenance.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the images whose EXIF orientation must be applied: WebP through TwelveMonkeys' reader (used directly,
 * not through the JVM-wide registry), PNG and JPEG through the JDK.
 */
final class ImageDecoding {
    private static final List<ImageReaderSpi> EXTRA = List.of(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());

    private ImageDecoding() {
    }

    static BufferedImage decode(byte[] image) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            for (ImageReaderSpi spi : EXTRA) {
                in.mark();
                boolean ok = spi.canDecodeInput(in);
                in.reset();
                if (ok) {
                    ImageReader reader = spi.createReaderInstance();
                    try {
                        reader.setInput(in);
                        return reader.read(0);
                    } finally {
                        reader.dispose();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable image", e);
        }
        return MetadataStripper.jdkDecode(image);
    }
}
