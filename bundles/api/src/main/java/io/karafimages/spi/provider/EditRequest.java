package io.karafimages.spi.provider;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One editing request: an operation on a source image, with a mask and a prompt where the operation takes them.
 * Immutable; build with {@link #builder}.
 *
 * <p>The mask is in the runtime's convention (8-bit grayscale PNG at the source's size, 255 = edit, 0 = keep,
 * possibly feathered); each adapter converts it to its vendor's convention.
 */
public final class EditRequest {
    private final ImageOperation operation;
    private final String model;
    private final SourceImage image;
    private final byte[] maskPng;
    private final String prompt;
    private final Double strength;
    private final Long seed;
    private final Integer scale;

    private EditRequest(Builder b) {
        this.operation = Objects.requireNonNull(b.operation, "operation");
        this.model = Objects.requireNonNull(b.model, "model");
        this.image = Objects.requireNonNull(b.image, "image");
        this.maskPng = b.maskPng;
        this.prompt = b.prompt;
        this.strength = b.strength;
        this.seed = b.seed;
        this.scale = b.scale;
    }

    public static Builder builder(ImageOperation operation, String model, SourceImage image) {
        return new Builder(operation, model, image);
    }

    public ImageOperation operation() {
        return operation;
    }

    /** The model id to use; one of the provider's {@link ModelInfo#id()}s that supports the operation. */
    public String model() {
        return model;
    }

    public SourceImage image() {
        return image;
    }

    /** The mask as an 8-bit grayscale PNG at the image's size (255 = edit); present for masked operations. */
    public Optional<byte[]> maskPng() {
        return Optional.ofNullable(maskPng);
    }

    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** 0 keeps the source, 1 ignores it; image-to-image only. */
    public OptionalDouble strength() {
        return strength == null ? OptionalDouble.empty() : OptionalDouble.of(strength);
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** The wanted enlargement of an upscale (2 or 4); empty when the model decides. */
    public OptionalInt scale() {
        return scale == null ? OptionalInt.empty() : OptionalInt.of(scale);
    }

    /** The encoded source image and its size. */
    public static final class SourceImage {
        private final byte[] data;
        private final String mediaType;
        private final int width;
        private final int height;

        private SourceImage(byte[] data, String mediaType, int width, int height) {
            this.data = Objects.requireNonNull(data, "data");
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
            this.width = width;
            this.height = height;
        }

        public static SourceImage of(byte[] data, String mediaType, int width, int height) {
            return new SourceImage(data, mediaType, width, height);
        }

        public byte[] data() {
            return data;
        }

        public String mediaType() {
            return mediaType;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    /** Builds an {@link EditRequest}. Not thread-safe. */
    public static final class Builder {
        private final ImageOperation operation;
        private final String model;
        private final SourceImage image;
        private byte[] maskPng;
        private String prompt;
        private Double strength;
        private Long seed;
        private Integer scale;

        private Builder(ImageOperation operation, String model, SourceImage image) {
            this.operation = operation;
            this.model = model;
            this.image = image;
        }

        public Builder maskPng(byte[] value) {
            this.maskPng = value;
            return this;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public Builder strength(Double value) {
            this.strength = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder scale(Integer value) {
            this.scale = value;
            return this;
        }

        public EditRequest build() {
            return new EditRequest(this);
        }
    }
}
