package io.karafimages.core.internal.inputs;

import java.awt.image.BufferedImage;

import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;

/** A decrypted input image; decodes once, on demand, within the pipeline's pixel limit. */
final class StoredInputImage implements InputImage {
    private final ImageRef ref;
    private final byte[] bytes;
    private final String mediaType;
    private final int width;
    private final int height;
    private final boolean aiGenerated;
    private final RenditionPipeline pipeline;
    private BufferedImage decoded;

    StoredInputImage(ImageRef ref, byte[] bytes, String mediaType, int width, int height, boolean aiGenerated,
            RenditionPipeline pipeline) {
        this.ref = ref;
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.width = width;
        this.height = height;
        this.aiGenerated = aiGenerated;
        this.pipeline = pipeline;
    }

    @Override
    public ImageRef ref() {
        return ref;
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
    public String mediaType() {
        return mediaType;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public BufferedImage decoded() {
        if (decoded == null) {
            decoded = pipeline.decode(bytes);
        }
        return decoded;
    }

    @Override
    public boolean aiGenerated() {
        return aiGenerated;
    }
}
