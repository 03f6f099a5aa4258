package io.karafimages.api;

/** Plaintext facts about one rendition file. */
public record FileInfo(int width, int height, long sizeBytes, String format, String mime) {
}
