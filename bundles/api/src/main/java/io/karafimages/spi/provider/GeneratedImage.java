package io.karafimages.spi.provider;

import java.util.Objects;

/** A provider's output: encoded bytes, their media type and the model that made them. Immutable. */
public final class GeneratedImage {
    private final byte[] data;
    private final String mediaType;
    private final String modelId;

    private GeneratedImage(byte[] data, String mediaType, String modelId) {
        this.data = Objects.requireNonNull(data, "data");
        this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    /**
     * @param data the encoded image; the caller hands it over and must not modify it afterwards
     * @param mediaType {@code image/png}, {@code image/jpeg} or {@code image/webp}; {@code image/svg+xml} for
     *        {@link ImageOperation#VECTORIZE}
     * @param modelId the model that made it
     */
    public static GeneratedImage of(byte[] data, String mediaType, String modelId) {
        return new GeneratedImage(data, mediaType, modelId);
    }

    public byte[] data() {
        return data;
    }

    public String mediaType() {
        return mediaType;
    }

    public String modelId() {
        return modelId;
    }
}
