package io.karafimages.spi.provider;

import java.util.List;
import java.util.Objects;

import io.karafimages.api.AspectRatio;

/** One generation request. Immutable; build with {@link #builder}. */
public final class ImageRequest {
    private final String model;
    private final String prompt;
    private final AspectRatio aspectRatio;
    private final List<ReferenceImage> references;
    private final String style;

    private ImageRequest(Builder b) {
        this.model = b.model;
        this.prompt = Objects.requireNonNull(b.prompt, "prompt");
        this.aspectRatio = b.aspectRatio == null ? AspectRatio.SQUARE : b.aspectRatio;
        this.references = List.copyOf(b.references);
        this.style = b.style;
    }

    public static Builder builder(String model, String prompt) {
        return new Builder(model, prompt);
    }

    /** The model id to use, one of the provider's {@link ModelInfo#id()}s; null for the provider's default. */
    public String model() {
        return model;
    }

    public String prompt() {
        return prompt;
    }

    public AspectRatio aspectRatio() {
        return aspectRatio;
    }

    /** The caller's own images, decrypted, at most 4; may be empty. */
    public List<ReferenceImage> references() {
        return references;
    }

    /**
     * The {@link ProviderStyle#reference()} of a style this provider made with {@link ImageProvider#createStyle}, when
     * the image is to be generated in it. Only ever sent to the provider, and the model, that made the style.
     */
    public java.util.Optional<String> style() {
        return java.util.Optional.ofNullable(style);
    }

    /** An encoded reference image. */
    public static final class ReferenceImage {
        private final byte[] data;
        private final String mediaType;

        private ReferenceImage(byte[] data, String mediaType) {
            this.data = Objects.requireNonNull(data, "data");
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
        }

        public static ReferenceImage of(byte[] data, String mediaType) {
            return new ReferenceImage(data, mediaType);
        }

        public byte[] data() {
            return data;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** Builds an {@link ImageRequest}. Not thread-safe. */
    public static final class Builder {
        private final String model;
        private final String prompt;
        private AspectRatio aspectRatio;
        private List<ReferenceImage> references = List.of();
        private String style;

        private Builder(String model, String prompt) {
            this.model = model;
            this.prompt = prompt;
        }

        public Builder aspectRatio(AspectRatio value) {
            this.aspectRatio = value;
            return this;
        }

        public Builder references(List<ReferenceImage> value) {
            this.references = value == null ? List.of() : List.copyOf(value);
            return this;
        }

        /** See {@link ImageRequest#style()}. */
        public Builder style(String reference) {
            this.style = reference;
            return this;
        }

        public ImageRequest build() {
            return new ImageRequest(this);
        }
    }
}
