package io.karafimages.core.internal.embeds;

/** One rendition's decrypted bytes and the facts of its embed, read together. */
public record EmbedRead(EmbedFacts facts, byte[] bytes) {
}
