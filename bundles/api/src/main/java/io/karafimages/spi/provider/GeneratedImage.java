package io.karafimages.spi.provider;

/** A provider's output: encoded bytes, their media type and the model that made them. */
public record GeneratedImage(byte[] data, String mediaType, String modelId) {
}
