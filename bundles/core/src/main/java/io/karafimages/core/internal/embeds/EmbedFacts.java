package io.karafimages.core.internal.embeds;

/**
 * What skills need to know about an input embed before reading its pixels, from its decrypted content.
 *
 * @param width the original's width
 * @param digitalSourceType its IPTC digital source type, or null when it is not AI-made (an upload)
 */
public record EmbedFacts(String embedId, int width, int height, String digitalSourceType) {

    public boolean aiGenerated() {
        return digitalSourceType != null;
    }
}
