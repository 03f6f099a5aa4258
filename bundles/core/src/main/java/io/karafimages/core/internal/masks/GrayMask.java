package io.karafimages.core.internal.masks;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.spi.skill.Mask;

/** A mask in the runtime's convention: 8-bit gray, 255 = edit. Immutable (accessors copy). */
public final class GrayMask implements Mask {
    private final int width;
    private final int height;
    private final byte[] gray;

    GrayMask(int width, int height, byte[] gray) {
        if (gray.length != width * height) {
            throw new IllegalArgumentException("mask data does not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.gray = gray;
    }

    /** Takes the gray values of a {@code TYPE_BYTE_GRAY} image. */
    static GrayMask of(BufferedImage grayImage) {
        byte[] data = ((DataBufferByte) grayImage.getRaster().getDataBuffer()).getData();
        return new GrayMask(grayImage.getWidth(), grayImage.getHeight(), data.clone());
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public byte[] gray() {
        return gray.clone();
    }

    @Override
    public BufferedImage image() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(gray, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, gray.length);
        return img;
    }

    @Override
    public double coverage() {
        if (gray.length == 0) {
            return 0;
        }
        long marked = 0;
        for (byte b : gray) {
            if ((b & 0xff) >= 128) {
                marked++;
            }
        }
        return (double) marked / gray.length;
    }

    @Override
    public Mask binary(int threshold) {
        byte[] out = new byte[gray.length];
        for (int i = 0; i < gray.length; i++) {
            out[i] = (gray[i] & 0xff) >= threshold ? (byte) 255 : 0;
        }
        return new GrayMask(width, height, out);
    }

    @Override
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(gray.length / 8 + 64);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image(), "png", ios); // memory-cached: no temp file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
