package io.karafimages.spi.provider;

import io.karafimages.api.Cost;

/** One model a provider offers, with what one image costs. */
public record ModelInfo(String id, ModelTier tier, Cost costPerImage) {
}
