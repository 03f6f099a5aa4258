package io.karafimages.api;

import java.io.InputStream;

/**
 * One decrypted rendition, ready to stream. Opening is lazy: {@link #info()} and {@link #etag()} cost
 * nothing, {@link #open()} starts decryption. Each call of {@link #open()} returns a new stream that the
 * caller must close.
 */
public interface EmbedFile {
    FileInfo info();

    /** A strong entity tag (quoted) derived from the plaintext's SHA-256. */
    String etag();

    /** A decrypting stream; memory use does not grow with the file size. */
    InputStream open();
}
