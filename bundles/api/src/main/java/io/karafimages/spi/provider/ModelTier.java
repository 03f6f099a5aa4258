package io.karafimages.spi.provider;

/** What a model is for: {@code draft: true} requests go to DRAFT models, the rest to QUALITY. */
public enum ModelTier {
    QUALITY, DRAFT
}
