package io.karafimages.api;

import java.io.InputStream;

/**
 * One decrypted rendition, ready to stream. Opening is lazy: {@link #info()} and {@link #etag()} cost
 * nothing, {@link #open()} starts decryption. Each call of {@link #open()} returns a new stream that the
 * caller must close.
 */
public interface EmbedFile {
    FileInfo info();

    /**
     * A strong entity tag (quoted), unique per stored file and derived from its immutable object key (not from the
     * plaintext, so it needs no key to compute and confirms nothing about the picture).
     */
    String etag();

    /** A decrypting stream; memory use does not grow with the file size. */
    InputStream open();

    /**
     * Whether {@link #open()} may wait for another server (an object store such as S3, a key service such as
     * Vault) rather than only for this node's disk and memory. A server that bounds how many downloads decrypt at once opens such files outside the
     * bound, so that a round trip holds no turn.
     */
    default boolean remote() {
        return false;
    }
}
