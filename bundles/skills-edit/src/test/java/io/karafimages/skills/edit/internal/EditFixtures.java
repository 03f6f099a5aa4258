package io.karafimages.skills.edit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.function.Executable;

import com.luciad.imageio.webp.WebPWriteParam;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testkit.TestImages;

/** Pictures, models and assertions the editing-skill tests share. Stateless. */
final class EditFixtures {
    static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private EditFixtures() {
    }

    static ModelInfo model(String id, ModelTier tier, double usd, ImageOperation first, ImageOperation... more) {
        return ModelInfo.builder(id).tier(tier).costPerImage(usd == 0 ? Cost.FREE : Cost.ofUsd(usd))
                .operations(first, more).build();
    }

    /** Every pixel drawn at random from {@code seed}; opaque unless {@code alpha}. */
    static BufferedImage noise(int width, int height, long seed, boolean alpha) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = random.nextInt() & 0xffffff;
                // alpha from 1 to 255: a fully transparent pixel has no colour worth comparing after a PNG trip
                int a = alpha ? 1 + random.nextInt(255) : 0xff;
                img.setRGB(x, y, a << 24 | rgb);
            }
        }
        return img;
    }

    /** A product shot: a dark red disc filling the middle of a plain off-white picture. */
    static BufferedImage subjectOnPlainBackground(int width, int height) {
        BufferedImage img = TestImages.solid(width, height, new Color(242, 240, 236));
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(150, 20, 30));
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The image as lossless WebP, the way the {@code full} rendition is stored (but without loss, to compare). */
    static byte[] losslessWebp(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSLESS_COMPRESSION]);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static int[] argb(BufferedImage image, int x, int y, int w, int h) {
        return image.getRGB(x, y, w, h, null, 0, w);
    }

    static boolean isPng(byte[] data) {
        if (data.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (data[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes a mask PNG and checks the runtime's convention: 8-bit gray, one band, at the image's size. */
    static BufferedImage grayMask(byte[] png, int width, int height) {
        assertEquals(true, isPng(png), "the mask is a PNG");
        BufferedImage mask = TestImages.decode(png);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, mask.getType(), "the mask is 8-bit gray");
        assertEquals(1, mask.getRaster().getNumBands(), "the mask has one band");
        assertEquals(width + "x" + height, mask.getWidth() + "x" + mask.getHeight(), "the mask has the image's size");
        return mask;
    }

    static int gray(BufferedImage mask, int x, int y) {
        return mask.getRaster().getSample(x, y, 0);
    }

    /** Runs {@code call}, expects an {@link ImagesException} with {@code code} and HTTP {@code status}. */
    static ImagesException assertImagesError(String code, int status, Executable call) {
        ImagesException e = assertThrows(ImagesException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.httpStatus(), e.code());
        return e;
    }

    /** {@code {"embed_id": ...}} for a JSON body. */
    static String image(String embedId) {
        return "{\"embed_id\":\"" + embedId + "\"}";
    }
}
