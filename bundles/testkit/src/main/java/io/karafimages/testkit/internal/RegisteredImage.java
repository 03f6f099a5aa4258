package io.karafimages.testkit.internal;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageSniffer;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;

/**
 * An image a test registered: its encoded bytes, the size and type read from the header, and the pixels decoded
 * with ImageIO on first use (so WebP decodes only when a WebP reader such as TwelveMonkeys is on the test class
 * path, as in the runtime). Thread-safe.
 */
public final class RegisteredImage implements InputImage {
    private final ImageRef ref;
    private final byte[] bytes;
    private final ImageSniffer.Sniffed header;
    private final boolean aiGenerated;
    private BufferedImage decoded;

    private RegisteredImage(ImageRef ref, byte[] bytes, ImageSniffer.Sniffed header, boolean aiGenerated) {
        this.ref = ref;
        this.bytes = bytes;
        this.header = header;
        this.aiGenerated = aiGenerated;
    }

    /** @throws IllegalArgumentException when the bytes are not a PNG, JPEG or WebP with a readable header */
    public static RegisteredImage of(String embedId, byte[] encoded, boolean aiGenerated) {
        ImageSniffer.Sniffed header = ImageSniffer.sniff(encoded).orElseThrow(() -> new IllegalArgumentException(
                "The bytes registered for '" + embedId + "' are not a PNG, JPEG or WebP image"));
        return new RegisteredImage(ImageRef.of(embedId), encoded.clone(), header, aiGenerated);
    }

    /** The same image as read for {@code other} (e.g. the {@code full} rendition). */
    public RegisteredImage readAs(ImageRef other) {
        return new RegisteredImage(other, bytes, header, aiGenerated);
    }

    public long pixels() {
        return (long) header.width() * header.height();
    }

    @Override
    public ImageRef ref() {
        return ref;
    }

    @Override
    public int width() {
        return header.width();
    }

    @Override
    public int height() {
        return header.height();
    }

    @Override
    public String mediaType() {
        return header.mediaType();
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public synchronized BufferedImage decoded() {
        if (decoded == null) {
            decoded = decode();
        }
        return decoded;
    }

    @Override
    public boolean aiGenerated() {
        return aiGenerated;
    }

    private BufferedImage decode() {
        BufferedImage raw;
        try {
            raw = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            raw = null;
        }
        if (raw == null) {
            throw ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE, "No ImageIO reader on the class path can "
                    + "decode " + header.mediaType() + " '" + ref.embedId() + "'.");
        }
        int type = raw.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (raw.getType() == type) {
            return raw;
        }
        BufferedImage converted = new BufferedImage(raw.getWidth(), raw.getHeight(), type);
        Graphics2D g = converted.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src); // copy, not blend: translucent colours stay exact
            g.drawImage(raw, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }
}
