package io.karafimages.c2pa.internal.format;

import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;

/**
 * Reads and embeds a C2PA manifest store in one container format. Implementations are stateless
 * and thread-safe; they never modify the input array.
 */
public interface ContainerCodec {

    /** @return the format handled */
    AssetFormat format();

    /**
     * @param asset the file
     * @return the embedded store (raw JUMBF), or empty
     * @throws io.karafimages.c2pa.C2paException when the container is damaged
     */
    Optional<byte[]> readStore(byte[] asset);

    /**
     * Parses the file and removes any embedded store, ready to embed a new one.
     *
     * @param asset the file
     * @return the prepared asset
     * @throws io.karafimages.c2pa.C2paException when the container is damaged
     */
    Prepared prepare(byte[] asset);

    /** An asset without store; embedding is repeatable and deterministic. */
    interface Prepared {

        /**
         * @param storeLength length of the store to embed
         * @return the byte range of the output the store occupies, container framing included
         *         (the range to exclude from the data hash)
         */
        Exclusion exclusion(int storeLength);

        /**
         * @param store the store to embed
         * @return the complete file with the store
         */
        byte[] embed(byte[] store);
    }

    /**
     * A byte range of the output file.
     *
     * @param start  offset
     * @param length length
     */
    record Exclusion(long start, long length) {
    }
}
